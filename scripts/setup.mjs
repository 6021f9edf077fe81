import { setupAll } from "./lib/setup.mjs";

setupAll({ browser: process.argv.includes("--browser") });
