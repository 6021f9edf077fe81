// Typed documents for every operation in src/, generated from the server's committed schema.graphql.
// The output (src/gql/) is rebuilt by `build` and `typecheck` and not committed: the schema is the source.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../server/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        // Apollo's hooks take these documents and infer data and variables: typed hooks without wrappers
        // (generated hook wrappers do not support Apollo Client 4's overloads).
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        nonOptionalTypename: false,
        scalars: { DateTimeISO: "string", JSON: "unknown" },
        strictScalars: true,
      },
    },
  },
};

export default config;
