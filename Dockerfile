# The kamgraph web app; Neo4j runs in its own container (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN useradd --create-home --uid 10001 kamgraph
WORKDIR /opt/kamgraph

COPY pyproject.toml README.md ./
COPY kamgraph ./kamgraph
COPY cypher ./cypher
COPY web ./web
COPY neo4j-launcher/pom.xml ./neo4j-launcher/pom.xml
COPY neo4j-launcher/src ./neo4j-launcher/src
COPY seeds ./seeds
RUN pip install --no-cache-dir . && mkdir -p /var/lib/kamgraph && chown kamgraph /var/lib/kamgraph

USER kamgraph
EXPOSE 5000
# Apply the schema (idempotent), then serve (exec: `docker stop` reaches serve, which stops
# its analysis worker).
CMD ["sh", "-c", "kamgraph db init && exec kamgraph serve --host 0.0.0.0 --port 5000"]
