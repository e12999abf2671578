# Ports of the lab nodes' way out (sourced by egress-up.sh and runtime/incus/host-firewall.sh).
# The catalog's read-only mirror, where nodes pull (runtime/images/build-all.sh).
MIRROR_PORT=5001
# The registry front: the host firewall sends the nodes' MIRROR_PORT here when the internet is on.
FRONT_PORT=5002
# The Docker Hub cache, behind the front, on 127.0.0.1 only.
CACHE_PORT=5003
# The forward proxy (squid), which nodes call dockyard-egress:3128.
PROXY_PORT=3128
# The front's side for other registries (ghcr.io, quay.io…): the host firewall sends the nodes'
# HTTP port 80 on the gateway here, where each name leads to its own cache.
REGISTRIES_PORT=5004
# The first of those caches, on 127.0.0.1 only; the next ones follow (5011, 5012…).
FIRST_REGISTRY_CACHE_PORT=5010
