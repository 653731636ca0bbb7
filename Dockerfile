# Build stage: dev dependencies, compile TypeScript, then drop dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies, compiled output and the knowledge base only.
FROM node:20-bookworm-slim
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
