/**
 * How a sandbox container runs its own Docker engine (Docker-in-Docker) without --privileged,
 * which these hosts refuse (their capability bounding set lacks CAP_SYS_RESOURCE).
 *
 * WARNING: THIS IS NOT A SECURE PROFILE YET. Root inside the sandbox has CAP_SYS_ADMIN in the
 * host's user namespace, no seccomp and no AppArmor: it can mount cgroup hierarchies (with
 * release_agent), create device nodes allowed by the device cgroup, and reach the kernel in
 * many ways. Hardening (user namespaces, rootless inner engine, gVisor/Kata/microVM…) is a
 * separate issue; see docs/security.md.
 */
import type Docker from 'dockerode';

/** @types/dockerode lacks CgroupnsMode (API ≥ 1.41). */
export type DindHostConfig = Docker.HostConfig & { CgroupnsMode: 'private' | 'host' };

export function dindHostConfig(): DindHostConfig {
  return {
    // A private cgroup namespace lets the entry script mount fresh cgroup v1 hierarchies whose
    // root is the sandbox's own cgroup, read-write, so the inner engine nests below it.
    CgroupnsMode: 'private',
    // Everything --privileged would give, minus SYS_RESOURCE (absent from the bounding set).
    CapAdd: ['ALL'],
    CapDrop: ['SYS_RESOURCE'],
    // The inner engine mounts (overlay, proc, cgroups), creates namespaces and uses
    // unshare/pivot_root: Docker's default seccomp and AppArmor profiles forbid that.
    SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
    // Inner containers reach each other through the inner bridge. This sysctl is per network
    // namespace, so setting it here keeps /proc/sys read-only inside.
    Sysctls: { 'net.ipv4.ip_forward': '1' },
    // No extra device cgroup rule: measured on this host, Docker's default device list
    // (null, zero, full, random, urandom, tty, console, ptmx, pts, tun) is enough for the
    // inner runc, which only ever allows a subset of it to inner containers.
  };
}
