# Sourced by jail/entrypoint.sh and jail/rejoin-network.sh. The node's network namespace
# takes over the container's address: the container's interface joins a bridge with a veth
# whose other end is the node's eth0. Nodes then see each other (and the swarm ports) at the
# addresses Docker gave them, and the server reaches published ports there.

# The container's interface that has an IPv4 address, as "name address/prefix".
container_interface() {
  ip -4 -o addr show scope global | awk '$2 != "br0" {print $2, $4; exit}'
}

# bridge_to_node <node pid>: first time, at the node's start.
bridge_to_node() {
  local pid="$1" iface addr
  read -r iface addr <<<"$(container_interface)"
  ip link add br0 type bridge
  ip link add node0 type veth peer name eth0 netns "$pid"
  ip link set node0 master br0
  ip link set node0 up
  ip link set br0 up
  nsenter -t "$pid" -n ip link set lo up
  [ -n "${addr:-}" ] || return 0 # no network yet (a spare node): rejoin_network gives one
  hand_over "$pid" "$iface" "$addr"
}

# hand_over <node pid> <interface> <address>: the interface joins the bridge, the node takes its address.
hand_over() {
  local pid="$1" iface="$2" addr="$3"
  ip addr flush dev "$iface"
  ip link set "$iface" master br0
  ip link set "$iface" up
  nsenter -t "$pid" -n sh -c "ip addr flush dev eth0 scope global && ip addr add $addr dev eth0 && ip link set eth0 up"
}
