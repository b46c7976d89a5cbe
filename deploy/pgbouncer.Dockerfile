# PgBouncer from Debian's package (the version the project's own topology test runs), with
# deploy/pgbouncer.ini; compose.yaml builds it with deploy/ as the context. Edit when the base changes.
FROM debian:bookworm-slim
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends pgbouncer \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /run/pgbouncer \
  && chown postgres:postgres /run/pgbouncer
COPY pgbouncer.ini /etc/pgbouncer/pgbouncer.ini
COPY pgbouncer-start.sh /usr/local/bin/pgbouncer-start
USER postgres
EXPOSE 6432
ENTRYPOINT ["/usr/local/bin/pgbouncer-start"]
