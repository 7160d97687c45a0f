# any-api on Node, as `npm start` runs it. Build: docker build -t any-api .
# Run:   docker run -p 8787:8787 -e WORKER_AUTH_KEY=... -v $PWD/config.jsonc:/config/config.jsonc:ro \
#          -e ANY_API_CONFIG_FILE=/config/config.jsonc any-api
# The bundle is built with esbuild, a dev dependency, so it is built in its own stage; the
# runtime stage has production dependencies only (undici and gpt-tokenizer stay outside the bundle).

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY build ./build
COPY generated ./generated
COPY src ./src
RUN node build/bundle-node.ts

FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
# 0.0.0.0: reachable from outside the container, so the gateway refuses to start without a
# gateway key (WORKER_AUTH_KEY or WORKER_AUTH_KEYS) — pass one with -e.
ENV HOST=0.0.0.0
ENV PORT=8787
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist-node ./dist-node
# Stored Responses live in ./data/any-api.sqlite (ANY_API_STORE); mount a volume on /app/data to keep them.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 8787
# slim has no curl: Node's own fetch asks /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1's command (no shell, no npm): SIGTERM from `docker stop` reaches the
# server, which drains for SHUTDOWN_GRACE_MS (default 30000; docker stop waits 10 s unless
# given -t, so raise -t or lower SHUTDOWN_GRACE_MS).
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=20", "dist-node/main.mjs"]
