# Builds the ourspace binary into a small image. The binary embeds its
# migrations and the docs page's assets, so it needs nothing else at run time.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/ourspace ./cmd/ourspace

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ourspace /ourspace
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/ourspace"]
