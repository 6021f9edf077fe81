# API image for a real deployment (docker-compose.yml). The embedded default needs no Docker.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY server/package.json server/
COPY web/package.json web/
COPY seeds/package.json seeds/
RUN npm ci --no-audit --no-fund
COPY . .
RUN DATABASE_URL=postgresql://build@localhost/build npx prisma generate \
 && npm run build -w server && npm run build -w web

FROM node:20-bookworm-slim AS api
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY --from=build /app /app
EXPOSE 4000
# Migrations first, then the server; the model directory is a volume filled by `npm run ml:train`.
CMD ["sh", "-c", "node node_modules/prisma/build/index.js migrate deploy && node --max-semi-space-size=64 server/dist/main.js"]

FROM node:20-bookworm-slim AS web
WORKDIR /app/web
COPY --from=build /app /app
ENV WEB_PORT=5173
EXPOSE 5173
CMD ["node", "../node_modules/vite/bin/vite.js", "preview", "--host", "0.0.0.0", "--strictPort"]
