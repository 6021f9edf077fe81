# Images for docker-compose.yml (a real deployment; the embedded default needs no Docker):
#   app    the API, the one-shot migration and the rescoring workers: one build, three commands
#   proxy  nginx serving the built portal in front of the API replicas (deploy/nginx/)
#   mlflow the optional MLflow tracking server (compose profile "mlflow")
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

FROM node:20-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY --from=build /app /app
EXPOSE 4000
# The API; docker-compose.yml runs the migration and the workers from this image with other commands.
CMD ["node", "--max-semi-space-size=64", "server/dist/main.js"]

FROM nginx:1.28 AS proxy
# The official image fills /etc/nginx/templates/*.template from the environment into /etc/nginx/conf.d/.
COPY deploy/nginx/creditpath.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /app/web/dist /usr/share/nginx/html
ENV NGINX_LISTEN=80 PORTAL_ROOT=/usr/share/nginx/html NGINX_ACCESS_LOG=/dev/stdout
EXPOSE 80

FROM python:3.11-slim-bookworm AS mlflow
# Full MLflow (server and UI), the same release line as ml/'s mlflow-skinny client.
RUN pip install --no-cache-dir mlflow==3.17.2
EXPOSE 5000
