//! The few rtnetlink requests bridge networks need (as netavark sends
//! them, without an `ip` process): create a bridge, a veth pair whose peer
//! goes into another network namespace, addresses, links up, routes.
//!
//! Messages are built byte by byte (`nlmsghdr`, the family header, then
//! attributes, each padded to 4 bytes) and sent on a plain
//! `NETLINK_ROUTE` socket; every request asks for an acknowledgement and
//! [`Socket::request`] returns the kernel's error, if any. A socket works in
//! the network namespace it was created in.

use std::net::IpAddr;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};

use nix::errno::Errno;
use nix::sys::socket::{
    bind, recv, send, socket, AddressFamily, MsgFlags, NetlinkAddr, SockFlag, SockProtocol,
    SockType,
};

const RTM_NEWLINK: u16 = 16;
const RTM_DELLINK: u16 = 17;
const RTM_NEWADDR: u16 = 20;
const RTM_NEWROUTE: u16 = 24;
const NLMSG_ERROR: u16 = 2;
const NLM_F_REQUEST: u16 = 1;
const NLM_F_ACK: u16 = 4;
const NLM_F_EXCL: u16 = 0x200;
const NLM_F_CREATE: u16 = 0x400;
const IFLA_ADDRESS: u16 = 1;
const IFLA_IFNAME: u16 = 3;
const IFLA_MTU: u16 = 4;
const IFLA_MASTER: u16 = 10;
const IFLA_LINKINFO: u16 = 18;
const IFLA_NET_NS_FD: u16 = 28;
const IFLA_INFO_KIND: u16 = 1;
const IFLA_INFO_DATA: u16 = 2;
const VETH_INFO_PEER: u16 = 1;
const IFA_ADDRESS: u16 = 1;
const IFA_LOCAL: u16 = 2;
const IFA_BROADCAST: u16 = 4;
const RTA_DST: u16 = 1;
const RTA_GATEWAY: u16 = 5;
const RTA_PRIORITY: u16 = 6;
const NLA_F_NESTED: u16 = 0x8000;
const IFF_UP: u32 = 1;

/// A netlink message under construction.
struct Msg {
    buf: Vec<u8>,
    nests: Vec<usize>,
}

impl Msg {
    fn new(typ: u16, flags: u16, header: &[u8]) -> Msg {
        let mut buf = Vec::with_capacity(256);
        buf.extend_from_slice(&0u32.to_ne_bytes()); // length, set at the end
        buf.extend_from_slice(&typ.to_ne_bytes());
        buf.extend_from_slice(&(flags | NLM_F_REQUEST | NLM_F_ACK).to_ne_bytes());
        buf.extend_from_slice(&1u32.to_ne_bytes()); // sequence
        buf.extend_from_slice(&0u32.to_ne_bytes()); // port: the kernel
        buf.extend_from_slice(header);
        Msg {
            buf,
            nests: Vec::new(),
        }
    }

    fn pad(&mut self) {
        while !self.buf.len().is_multiple_of(4) {
            self.buf.push(0);
        }
    }

    fn attr(&mut self, typ: u16, data: &[u8]) -> &mut Msg {
        let len = u16::try_from(4 + data.len()).expect("netlink attributes are small");
        self.buf.extend_from_slice(&len.to_ne_bytes());
        self.buf.extend_from_slice(&typ.to_ne_bytes());
        self.buf.extend_from_slice(data);
        self.pad();
        self
    }

    fn str_attr(&mut self, typ: u16, s: &str) -> &mut Msg {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        self.attr(typ, &v)
    }

    fn begin(&mut self, typ: u16) -> &mut Msg {
        self.nests.push(self.buf.len());
        self.buf.extend_from_slice(&0u16.to_ne_bytes());
        self.buf
            .extend_from_slice(&(typ | NLA_F_NESTED).to_ne_bytes());
        self
    }

    fn raw(&mut self, bytes: &[u8]) -> &mut Msg {
        self.buf.extend_from_slice(bytes);
        self
    }

    fn end(&mut self) -> &mut Msg {
        let start = self.nests.pop().expect("end after begin");
        self.pad();
        let len = u16::try_from(self.buf.len() - start).expect("netlink attributes are small");
        self.buf[start..start + 2].copy_from_slice(&len.to_ne_bytes());
        self
    }

    fn finish(mut self) -> Vec<u8> {
        let len = u32::try_from(self.buf.len()).expect("netlink messages are small");
        self.buf[0..4].copy_from_slice(&len.to_ne_bytes());
        self.buf
    }
}

/// `struct ifinfomsg`.
fn ifinfomsg(index: i32, flags: u32, change: u32) -> [u8; 16] {
    let mut h = [0u8; 16];
    h[0] = libc::AF_UNSPEC as u8;
    h[4..8].copy_from_slice(&index.to_ne_bytes());
    h[8..12].copy_from_slice(&flags.to_ne_bytes());
    h[12..16].copy_from_slice(&change.to_ne_bytes());
    h
}

fn family(ip: IpAddr) -> u8 {
    if ip.is_ipv4() {
        libc::AF_INET as u8
    } else {
        libc::AF_INET6 as u8
    }
}

fn ip_bytes(ip: IpAddr) -> Vec<u8> {
    match ip {
        IpAddr::V4(v) => v.octets().to_vec(),
        IpAddr::V6(v) => v.octets().to_vec(),
    }
}

/// A `NETLINK_ROUTE` socket of the current network namespace.
#[derive(Debug)]
pub struct Socket {
    fd: OwnedFd,
}

impl Socket {
    /// Opens a socket in the calling thread's network namespace.
    pub fn open() -> Result<Socket, Errno> {
        let fd = socket(
            AddressFamily::Netlink,
            SockType::Raw,
            SockFlag::SOCK_CLOEXEC,
            SockProtocol::NetlinkRoute,
        )?;
        bind(fd.as_raw_fd(), &NetlinkAddr::new(0, 0))?;
        Ok(Socket { fd })
    }

    /// Sends one request and waits for its acknowledgement.
    fn request(&self, msg: Msg) -> Result<(), Errno> {
        let bytes = msg.finish();
        send(self.fd.as_raw_fd(), &bytes, MsgFlags::empty())?;
        let mut buf = vec![0u8; 8192];
        loop {
            let n = match recv(self.fd.as_raw_fd(), &mut buf, MsgFlags::empty()) {
                Err(Errno::EINTR) => continue,
                other => other?,
            };
            let mut off = 0;
            while off + 16 <= n {
                let len = u32::from_ne_bytes(buf[off..off + 4].try_into().expect("4 bytes"));
                let typ = u16::from_ne_bytes(buf[off + 4..off + 6].try_into().expect("2 bytes"));
                if typ == NLMSG_ERROR && off + 20 <= n {
                    let code =
                        i32::from_ne_bytes(buf[off + 16..off + 20].try_into().expect("4 bytes"));
                    return if code == 0 {
                        Ok(())
                    } else {
                        Err(Errno::from_raw(-code))
                    };
                }
                let len = usize::try_from(len).unwrap_or(n).max(16);
                off += (len + 3) & !3;
            }
        }
    }

    /// Creates a bridge named `name` (nothing when it exists).
    pub fn add_bridge(&self, name: &str, mtu: Option<u32>) -> Result<(), Errno> {
        let mut m = Msg::new(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifinfomsg(0, 0, 0));
        m.str_attr(IFLA_IFNAME, name);
        if let Some(mtu) = mtu {
            m.attr(IFLA_MTU, &mtu.to_ne_bytes());
        }
        m.begin(IFLA_LINKINFO)
            .str_attr(IFLA_INFO_KIND, "bridge")
            .end();
        match self.request(m) {
            Err(Errno::EEXIST) => Ok(()),
            other => other,
        }
    }

    /// Creates a veth pair: `host_name` here, attached to the bridge
    /// `master` and up; its peer `peer_name` (with MAC address `mac`) in
    /// the network namespace `netns`.
    pub fn add_veth(
        &self,
        host_name: &str,
        master: u32,
        mtu: Option<u32>,
        peer_name: &str,
        mac: [u8; 6],
        netns: BorrowedFd<'_>,
    ) -> Result<(), Errno> {
        let mut m = Msg::new(
            RTM_NEWLINK,
            NLM_F_CREATE | NLM_F_EXCL,
            &ifinfomsg(0, IFF_UP, IFF_UP),
        );
        m.str_attr(IFLA_IFNAME, host_name)
            .attr(IFLA_MASTER, &master.to_ne_bytes());
        if let Some(mtu) = mtu {
            m.attr(IFLA_MTU, &mtu.to_ne_bytes());
        }
        m.begin(IFLA_LINKINFO)
            .str_attr(IFLA_INFO_KIND, "veth")
            .begin(IFLA_INFO_DATA)
            .begin(VETH_INFO_PEER)
            .raw(&ifinfomsg(0, 0, 0))
            .str_attr(IFLA_IFNAME, peer_name)
            .attr(IFLA_ADDRESS, &mac)
            .attr(IFLA_NET_NS_FD, &netns.as_raw_fd().to_ne_bytes());
        if let Some(mtu) = mtu {
            m.attr(IFLA_MTU, &mtu.to_ne_bytes());
        }
        m.end().end().end();
        self.request(m)
    }

    /// Deletes link `index` (a veth takes its peer with it).
    pub fn del_link(&self, index: u32) -> Result<(), Errno> {
        let index = i32::try_from(index).map_err(|_| Errno::EINVAL)?;
        self.request(Msg::new(RTM_DELLINK, 0, &ifinfomsg(index, 0, 0)))
    }

    /// Brings link `index` up.
    pub fn link_up(&self, index: u32) -> Result<(), Errno> {
        let index = i32::try_from(index).map_err(|_| Errno::EINVAL)?;
        self.request(Msg::new(RTM_NEWLINK, 0, &ifinfomsg(index, IFF_UP, IFF_UP)))
    }

    /// Adds `ip/prefix` to link `index` (nothing when it is there).
    pub fn add_address(&self, index: u32, ip: IpAddr, prefix: u8) -> Result<(), Errno> {
        let mut h = [0u8; 8];
        h[0] = family(ip);
        h[1] = prefix;
        h[3] = 0; // RT_SCOPE_UNIVERSE
        h[4..8].copy_from_slice(&index.to_ne_bytes());
        let mut m = Msg::new(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &h);
        m.attr(IFA_LOCAL, &ip_bytes(ip))
            .attr(IFA_ADDRESS, &ip_bytes(ip));
        // IPv4: the subnet's broadcast address, as `ip addr add … brd +`.
        if let IpAddr::V4(v4) = ip {
            if prefix < 31 {
                let host_bits = u32::MAX.checked_shr(u32::from(prefix)).unwrap_or(0);
                let brd = std::net::Ipv4Addr::from(u32::from(v4) | host_bits);
                m.attr(IFA_BROADCAST, &brd.octets());
            }
        }
        match self.request(m) {
            Err(Errno::EEXIST) => Ok(()),
            other => other,
        }
    }

    /// Adds a route to `dest/prefix` (the default route: prefix 0) through
    /// `gateway`.
    pub fn add_route(
        &self,
        dest: IpAddr,
        prefix: u8,
        gateway: IpAddr,
        metric: Option<u32>,
    ) -> Result<(), Errno> {
        let mut h = [0u8; 12];
        h[0] = family(gateway);
        h[1] = prefix;
        h[4] = libc::RT_TABLE_MAIN;
        h[5] = libc::RTPROT_BOOT;
        h[6] = libc::RT_SCOPE_UNIVERSE;
        h[7] = libc::RTN_UNICAST;
        let mut m = Msg::new(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &h);
        if prefix > 0 {
            m.attr(RTA_DST, &ip_bytes(dest));
        }
        m.attr(RTA_GATEWAY, &ip_bytes(gateway));
        if let Some(metric) = metric {
            m.attr(RTA_PRIORITY, &metric.to_ne_bytes());
        }
        match self.request(m) {
            Err(Errno::EEXIST) => Ok(()),
            other => other,
        }
    }
}

/// The index of interface `name` in the calling thread's network namespace.
pub fn index(name: &str) -> Result<u32, Errno> {
    nix::net::if_::if_nametoindex(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_padded_and_nested() {
        let mut m = Msg::new(RTM_NEWLINK, NLM_F_CREATE, &ifinfomsg(0, 0, 0));
        m.str_attr(IFLA_IFNAME, "podman1")
            .begin(IFLA_LINKINFO)
            .str_attr(IFLA_INFO_KIND, "bridge")
            .end();
        let b = m.finish();
        assert_eq!(b.len() % 4, 0);
        assert_eq!(
            u32::from_ne_bytes(b[0..4].try_into().unwrap()) as usize,
            b.len()
        );
        // ifname: 4 + "podman1\0" = 12, already aligned.
        assert_eq!(u16::from_ne_bytes(b[32..34].try_into().unwrap()), 12);
        // linkinfo: 4 + kind (4 + "bridge\0" = 11, padded 12) = 16.
        assert_eq!(u16::from_ne_bytes(b[44..46].try_into().unwrap()), 16);
        assert_eq!(
            u16::from_ne_bytes(b[46..48].try_into().unwrap()),
            IFLA_LINKINFO | NLA_F_NESTED
        );
    }
}
