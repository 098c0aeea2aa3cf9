# One image for both production processes: `tributary api` and `tributary worker` (and `tributary migrate`).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production TRIBUTARY_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
USER node
EXPOSE 3000
ENTRYPOINT ["node", "bin/tributary.mjs"]
CMD ["api"]
