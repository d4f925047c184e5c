# syntax=docker/dockerfile:1
# Autoscale.MetricsAdapter image. One recipe for Docker and buildah: scripts/build-images.sh publishes the program
# (framework-dependent) and builds this file with the publish output as the build context:
#   dotnet publish src/MetricsAdapter/MetricsAdapter.csproj -c Release --no-self-contained -p:UseAppHost=false -o out/metrics-adapter
#   docker build -f deploy/docker/metrics-adapter.Dockerfile -t REGISTRY/metrics-adapter:0.1.0 out/metrics-adapter
# BASE_IMAGE: any image with the ASP.NET Core 10 runtime, tzdata (warm-pool schedules name IANA time zones) and
# ICU. The default is Microsoft's chiseled one (no shell, no package manager); the test builds on a Debian bookworm
# minbase made by mmdebstrap (scripts/build-images.sh). JIT, not AOT: the Kubernetes client's AOT build lacks watch
# and leader election.
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
FROM ${BASE_IMAGE}
WORKDIR /app
COPY . /app/
# Numeric, so it holds on any base (1654 is $APP_UID of Microsoft's images); the pods' runAsUser matches.
USER 1654:1654
ENV DOTNET_gcServer=0
EXPOSE 6443 8080
ENTRYPOINT ["dotnet", "/app/Autoscale.MetricsAdapter.dll"]
