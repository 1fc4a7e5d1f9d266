# One image, started as api, scheduler or worker (see docker-compose.yml). `npm ci` compiles the TypeScript to
# dist/ (the `prepare` script); the development dependencies are pruned afterwards.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Chromium renders the weekly report's chart images and PDF.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY config ./config
COPY src ./src
COPY workers ./workers
COPY sql ./sql
COPY assets ./assets
# The exports' "Definisjoner" sheet is read from this document (src/exports/definitions-doc.ts).
COPY docs/indicators.md ./docs/indicators.md
RUN NODE_ENV=development npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund
# The data dir takes heartbeats (health checks) and rendered reports (data/reports, a volume shared by the api
# and the workers in docker-compose.yml); the app runs unprivileged.
RUN mkdir -p /app/data/reports && chown -R node:node /app/data
USER node
ENTRYPOINT ["node", "bin/lyttepost.js"]
CMD ["serve"]
