# syntax=docker/dockerfile:1
# Flock's one image for every role; the command picks the role (compose.yaml, docs/DEPLOY.md):
#   node --import tsx tools/server.ts start    a web instance (the default command)
#   node --import tsx server/worker-main.ts    a job worker
#   npm run db:migrate                         the migrations, once per deploy, before web instances start
# The web command is the server entry itself, not `npm start`/`npm run start:web`: those start local
# services, migrate and seed the demo shop on an empty database (tools/dev.ts), which a production
# deployment must not do from every instance. Node 20, as package.json's engines say.
# Edit when the build or the runtime needs another file or step.
ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency: the build needs the dev ones (TypeScript, Tailwind, PostCSS).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund

# The production build (.next), then what the runtime does not read: build cache, tests, benches.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npx next build \
  && rm -rf node_modules .next/cache e2e test tools/bench tools/measure \
  && mkdir -p .next/cache

# Production dependencies only. tsx is one: the server, the worker and the migrations run TypeScript.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    FLOCK_DATA_DIR=/data
WORKDIR /app
# The code belongs to root and is read-only to the app; it writes only Next's image cache and the data
# folder (uploads: share it between web instances, docs/DEPLOY.md).
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app ./
RUN mkdir -p /data/uploads \
  && chown -R node:node /data .next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches node itself (no npm or shell in between): the server drains and exits within 30 s.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "tools/server.ts", "start"]
