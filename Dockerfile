# Node 24 LTS (Node 20 reached its end of life in April 2026), pinned by digest so a rebuild gets the
# same bytes: node:24-bookworm-slim as of Node 24.18.0. Update the digest deliberately (Renovate or
# Dependabot's docker ecosystem), never by retagging. CI runs the tests on Node 24 as well (.ci/run).
ARG NODE_IMAGE=node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d

# Build stage: dev dependencies, compile TypeScript, then drop dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
# the build also compiles the bundled knowledge into dist/knowledge.snapshot (scripts/postbuild.mjs),
# keyed by these files' bytes: the runtime stage copies the same knowledge/, so the key holds there
COPY scripts/postbuild.mjs ./scripts/
COPY knowledge ./knowledge
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies, compiled output and the knowledge base only; non-root,
# and the Deployment mounts the root filesystem read-only (deploy/base/deployment.yaml).
FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node knowledge ./knowledge
COPY --chown=node:node package.json ./
USER node
EXPOSE 3000
# Node itself receives SIGTERM (npm would swallow it).
CMD ["node", "--enable-source-maps", "dist/main.js"]
