# involve-server in a container (docs/deploy.md §7). Multi-stage: a static binary built
# with cgo SQLite in Debian 12's Go image, then a distroless image with nothing else.
#
#   docker build -t involve-server --build-arg VERSION=$(scripts/version.sh) .
#   docker run -d --name involve -p 127.0.0.1:8080:8080 -v involve-data:/var/lib/involve-server \
#     -v involve-key:/var/lib/involve-server-key involve-server
#   docker exec involve involve-server team add "South London"     # admin commands, same data
#
# Not built by make test (there is no Docker on the build machines): the build stage runs
# the same go build as scripts/dist.sh's linux/amd64 server, which make test-dist checks.

FROM golang:1.26-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# Static: netgo/osusergo keep DNS and user lookups in Go. The linker's warning about
# dlopen concerns SQLite extension loading, which the server never uses. The same flags
# as scripts/dist.sh.
RUN CGO_ENABLED=1 go build -tags sqlite_fts5,netgo,osusergo \
      -ldflags "-w -s -X main.version=${VERSION} -linkmode external -extldflags -static" \
      -o /out/involve-server ./cmd/involve-server \
    && mkdir -p /out/data /out/key && chmod 0700 /out/key

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/involve-server /usr/local/bin/involve-server
COPY --from=build --chown=65532:65532 /out/data /var/lib/involve-server
COPY --from=build --chown=65532:65532 /out/key /var/lib/involve-server-key
# Plain HTTP on the container's own interface (serve refuses that without
# INVOLVE_SERVER_INSECURE_HTTP, and then warns at start and in /readyz): publish the port
# on 127.0.0.1 only, behind a TLS proxy (docs/deploy.md §7). With a certificate of its own
# (INVOLVE_SERVER_TLS_CERT, _TLS_KEY) the server serves HTTPS and the setting does nothing.
# The master key file is made (0600) at first start in a volume of its own, apart from
# the data: back it up separately from the database (docs/server.md, "Key file").
ENV INVOLVE_SERVER_DATA_DIR=/var/lib/involve-server \
    INVOLVE_SERVER_KEY_FILE=/var/lib/involve-server-key/master.key \
    INVOLVE_SERVER_ADDR=:8080 \
    INVOLVE_SERVER_INSECURE_HTTP=true
VOLUME ["/var/lib/involve-server", "/var/lib/involve-server-key"]
EXPOSE 8080
USER 65532:65532
# SIGTERM: finishes in-flight requests (up to 30 s) and closes the database; give
# `docker stop` at least that: docker stop -t 40.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/involve-server"]
CMD ["serve"]
