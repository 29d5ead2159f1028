# The image of any service. Build from the repository root (the workspace is the build context),
# naming the service's folder under services/ and its port (docker-compose.yml passes both):
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=safety --build-arg PORT=3001 -t zone-risk/safety .
# No compile step: Node 24 strips the TypeScript types itself, but only for files outside
# node_modules. `pnpm deploy --prod` would copy the workspace packages (shipped as .ts) into
# node_modules, where Node refuses them (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING), so the image
# keeps the workspace layout — services/<name> and packages/* as real folders, node_modules holding
# pnpm's links to them — with production dependencies only.

FROM node:24-slim AS build
WORKDIR /repo
# pnpm at the version the workspace pins (package.json "packageManager").
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
RUN npm install --global "pnpm@$(node -p 'require("./package.json").packageManager.split("@")[1]')" \
  && pnpm --version
COPY packages ./packages
# Declared only now, so that the layers above are the same for every service.
ARG SERVICE
ARG PORT
# Without SERVICE, the COPY below would take every service.
RUN test -n "$SERVICE" && test -n "$PORT" \
  || { echo 'build with --build-arg SERVICE=<folder under services/> --build-arg PORT=<port>' >&2; exit 1; }
COPY services/${SERVICE} ./services/${SERVICE}
# Production dependencies of the service and the workspace packages it uses, nothing else.
RUN pnpm install --frozen-lockfile --prod --filter "@zone-risk/${SERVICE}..." \
  && rm -rf packages/*/test packages/*/bench "services/${SERVICE}/test" "services/${SERVICE}/bench"

FROM node:24-slim
ARG SERVICE
ARG PORT
ENV NODE_ENV=production \
    PORT=${PORT}
WORKDIR /app
COPY --from=build --chown=node:node /repo /app
USER node
WORKDIR /app/services/${SERVICE}
EXPOSE ${PORT}
# HEALTHCHECK takes no build arguments, so the port comes from the environment at run time (it
# follows a PORT given to the container) and the start period is the slowest service's (the
# aggregator's, which joins a Kafka consumer group first). A check that passes earlier still counts.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A service's other entry points run from the same image, e.g. the aggregator's offline rebuild
# (`node src/cli/rebuild.ts`, with the service stopped).
CMD ["node", "src/server.ts"]
