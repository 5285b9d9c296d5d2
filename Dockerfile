# Vigie services image (classifier worker, audit sink, CLI). Used by docker-compose.yml.
# The entry point is the `vigie` CLI: `docker run vigie:local run classifier`.
# Node 24 as in package.json (engines; outside Docker `npm ci` installs it from the npm package `node`).
# No compiler: the SQLite store is Node's built-in node:sqlite, onnxruntime-node ships N-API binaries.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json ./
COPY services ./services
COPY test ./test
# prune also drops the devDependency `node` (the image has its own Node 24)
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# JSON logs even when the container has a TTY (docker run -t, Kubernetes tty: true): log collectors parse them.
ENV VIGIE_LOG_FORMAT=json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schemas ./schemas
COPY models ./models
COPY rules ./rules
COPY policies ./policies
USER node
# `run classifier` adds --max-semi-space-size=8 and MALLOC_ARENA_MAX=2 itself (services/classifier-worker/node-flags.ts:
# one re-exec in place, same PID; `-e MALLOC_ARENA_MAX=N` wins); `-e NODE_OPTIONS=--max-semi-space-size=N` overrides the value, `-e VIGIE_CLASSIFIER_NODE_FLAGS=none` turns it off.
ENTRYPOINT ["node", "dist/services/cli/main.js"]
CMD ["--help"]
