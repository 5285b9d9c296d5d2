# Vigie services image (classifier worker, audit sink, CLI). Used by docker-compose.yml.
# The entry point is the `vigie` CLI: `docker run vigie:local run classifier`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 falls back to a source build when no prebuilt binary fits
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json ./
COPY services ./services
COPY test ./test
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schemas ./schemas
COPY models ./models
COPY rules ./rules
COPY policies ./policies
USER node
ENTRYPOINT ["node", "dist/services/cli/main.js"]
CMD ["--help"]
