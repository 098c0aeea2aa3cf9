# One image for both production processes (`api`, `worker`) and the one-shot `migrate`, in three stages:
#   build  — all dependencies, TypeScript compiled to JavaScript (tsc, tsconfig.build.json) and the workflow
#            bundle prebuilt once (no webpack at worker start);
#   deps   — production dependencies only;
#   final  — the compiled app, the bundle and production node_modules; plain `node`, no tsx, no .env
#            (.dockerignore keeps it out of the build context).
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    TRIBUTARY_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/workflow-bundle.js
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /src/dist ./
COPY web ./web
USER node
# 3000: the API; 9464: the worker's /metrics, /healthz, /readyz.
EXPOSE 3000 9464
ENTRYPOINT ["node", "cli/main.js"]
CMD ["api"]
