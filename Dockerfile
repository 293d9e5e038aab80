# syntax=docker/dockerfile:1
# prediction-coordinator for Cloud Run: built once, run as a non-root user with
# production dependencies only. The runtime matches the Node the test suite runs on.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: every dependency, then tsc and the bundle (esbuild) ---------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build

# ---- runtime: production dependencies (the few packages the bundle leaves out) and the
# compiled service with its bundle -----------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=8080 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
# WAREHOUSE=duckdb writes ./data; Cloud Run's filesystem is in memory and per instance.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
# The same command as `npm run start:prod` (a test keeps them equal): the bundle, one file
# for the service and most of its packages (scripts/bundle.ts), which a cold start reads
# instead of about 2,200 modules; a young generation of 4 MB semi-spaces and a 256 MB
# old-generation ceiling keep the heap near what is live instead of growing lazily toward a
# limit sized for the whole machine. Node warns once (DEP0169) of url.parse() called outside
# node_modules: in the bundle, Apollo's Express integration calls it for every request.
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=4", "--disable-warning=DEP0169", "dist/src/bundled-main.js"]
