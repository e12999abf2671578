/**
 * How a sandbox container is confined (the threat model is in docs/security.md).
 *
 * The container is a jail around the node (runtime/images/sandbox): the jail's entry script,
 * trusted code, starts the node in its own user namespace, where the student's root is uid
 * 100000 on the host. Capabilities the node's root holds (to run its own Docker engine:
 * mounts, bridges, iptables, cgroups below its own) apply to the node's namespaces only.
 *
 * The jail itself therefore needs, in the host's user namespace:
 * - SYS_ADMIN: mount its cgroup hierarchies read-write and hand a child cgroup to the node;
 * - NET_ADMIN: hand the container's address over to the node (bridge + veth);
 * - SETUID/SETGID: write the node's uid and gid maps; SYS_PTRACE: enter the node (nsenter);
 * - and the capabilities the node's root may use inside (a user namespace never gets more
 *   than its creator's bounding set).
 * Everything else is dropped: no module loading, raw I/O, clock, reboot, MAC, BPF, mknod…
 */
import type Docker from 'dockerode';

/** @types/dockerode lacks these (API ≥ 1.41). */
export type SandboxHostConfig = Docker.HostConfig & {
  CgroupnsMode: 'private' | 'host';
  MaskedPaths: string[];
  ReadonlyPaths: string[];
};

const JAIL_CAPABILITIES = [
  // Docker's default set, minus MKNOD (the node cannot create device nodes anyway).
  'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'SETFCAP',
  'NET_BIND_SERVICE', 'NET_RAW', 'SYS_CHROOT', 'AUDIT_WRITE',
  // See above.
  'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE',
];

/**
 * Docker's default seccomp profile forbids pivot_root, which both the jail and the node's
 * own runc need, so the sandbox gets this one instead: every system call a Docker engine
 * uses is allowed, and those that reach kernel-wide state or widen the kernel's attack
 * surface are refused, even though the user namespace already denies most of them.
 */
const REFUSED_SYSCALLS = [
  'kexec_load', 'kexec_file_load', 'init_module', 'finit_module', 'delete_module', 'create_module',
  'get_kernel_syms', 'query_module', 'open_by_handle_at', 'name_to_handle_at', 'perf_event_open', 'bpf',
  'userfaultfd', 'iopl', 'ioperm', 'swapon', 'swapoff', 'syslog', 'acct', 'settimeofday', 'clock_settime',
  'clock_adjtime', 'lookup_dcookie', 'quotactl', 'quotactl_fd', 'nfsservctl', 'uselib', 'vm86', 'vm86old',
  '_sysctl', 'ustat', 'sysfs', 'io_uring_setup', 'io_uring_enter', 'io_uring_register', 'fanotify_init',
  'move_pages', 'mbind', 'set_mempolicy', 'migrate_pages',
];
/** Kernel keyrings are not namespaced; runc carries on when they answer "not implemented". */
const UNIMPLEMENTED_SYSCALLS = ['keyctl', 'add_key', 'request_key'];
const EPERM = 1;
const ENOSYS = 38;

export const SANDBOX_SECCOMP_PROFILE = {
  defaultAction: 'SCMP_ACT_ALLOW',
  architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
  syscalls: [
    { names: REFUSED_SYSCALLS, action: 'SCMP_ACT_ERRNO', errnoRet: EPERM },
    { names: UNIMPLEMENTED_SYSCALLS, action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS },
  ],
};

export function sandboxHostConfig(): SandboxHostConfig {
  return {
    // The jail mounts fresh cgroup v1 hierarchies whose root is its own cgroup, read-write,
    // and the node's engine nests below the child cgroup it is given.
    CgroupnsMode: 'private',
    CapDrop: ['ALL'],
    CapAdd: JAIL_CAPABILITIES,
    SecurityOpt: [
      `seccomp=${JSON.stringify(SANDBOX_SECCOMP_PROFILE)}`,
      // The jail's mounts would be refused by Docker's AppArmor profile, on hosts that have it.
      'apparmor=unconfined',
      // No setuid binary gains privileges anywhere in the sandbox.
      'no-new-privileges',
    ],
    // A user namespace may mount a new /proc only where the existing one is fully visible:
    // Docker's masks over /proc would forbid the node's (and its containers') /proc. The
    // node's root cannot use what they hid: those files belong to the host's root.
    MaskedPaths: [],
    ReadonlyPaths: [],
  };
}
