# syntax=docker/dockerfile:1
# Autoscale.ScaleController image. Build from the repository root:
#   docker build -f deploy/docker/scale-controller.Dockerfile -t autoscale/scale-controller:0.1.0 .
# Multi-arch: docker buildx build --platform linux/amd64,linux/arm64 -f deploy/docker/scale-controller.Dockerfile .

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
# Restore first (cached while only sources change): build props, then the project files.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/ src/
RUN dotnet restore src/ScaleController/ScaleController.csproj -a $TARGETARCH
RUN dotnet publish src/ScaleController/ScaleController.csproj -c Release -a $TARGETARCH --no-restore \
      --self-contained false -p:UseAppHost=false -o /app

# Chiseled: no shell, no package manager, non-root user $APP_UID (1654) predefined. JIT, not AOT: the
# Kubernetes client's AOT build lacks watch and leader election.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENV DOTNET_gcServer=0
EXPOSE 8081
ENTRYPOINT ["dotnet", "Autoscale.ScaleController.dll"]
