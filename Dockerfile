# The filmwg image used by docker-compose.yml: a release build on the Swift image, run on a
# slim Debian with only libpq beside it (the SQL migrations are inside the binary).
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources Sources
COPY Plugins Plugins
COPY Tests Tests
COPY sql sql
RUN swift build -c release --product filmwg --static-swift-stdlib && cp "$(swift build -c release --show-bin-path)/filmwg" /usr/local/bin/filmwg

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates tzdata && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/filmwg /usr/local/bin/filmwg
USER nobody
ENTRYPOINT ["filmwg"]
