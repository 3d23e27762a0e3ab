//! The bridge networks' DNS responder over real UDP sockets: a responder
//! thread serving two networks on loopback addresses, a fake upstream
//! resolver, and a client asking names, aliases, reverse names, names
//! that are forwarded, names under the search domain, and a name added
//! while the responder runs.

use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use libpod::network::dns::records::{self, Entry};
use libpod::network::dns::{Responder, ServedNetwork};
use simple_dns::rdata::{RData, A};
use simple_dns::{Name, Packet, Question, ResourceRecord, CLASS, QCLASS, QTYPE, RCODE, TYPE};

/// A fake upstream resolver: answers every A query with 192.0.2.77.
fn upstream(seen: Arc<AtomicUsize>, stop: Arc<AtomicBool>) -> SocketAddr {
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let addr = sock.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 1500];
        while !stop.load(Ordering::Relaxed) {
            let Ok((n, src)) = sock.recv_from(&mut buf) else {
                continue;
            };
            let q = Packet::parse(&buf[..n]).unwrap();
            seen.fetch_add(1, Ordering::SeqCst);
            let mut r = Packet::new_reply(q.id());
            r.questions = q.questions.clone();
            r.answers.push(ResourceRecord::new(
                q.questions[0].qname.clone(),
                CLASS::IN,
                60,
                RData::A(A::from("192.0.2.77".parse::<std::net::Ipv4Addr>().unwrap())),
            ));
            sock.send_to(&r.build_bytes_vec().unwrap(), src).unwrap();
        }
    });
    addr
}

/// Asks `server` one question; returns the reply's code and answers as text.
fn ask(server: SocketAddr, name: &str, qtype: TYPE) -> (RCODE, Vec<String>) {
    let client = UdpSocket::bind("127.0.0.1:0").unwrap();
    // A guard against a test that would hang, not a synchronisation.
    client
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut q = Packet::new_query(4242);
    q.set_flags(simple_dns::PacketFlag::RECURSION_DESIRED);
    q.questions.push(Question::new(
        Name::new(name).unwrap(),
        QTYPE::TYPE(qtype),
        QCLASS::CLASS(CLASS::IN),
        false,
    ));
    client
        .send_to(&q.build_bytes_vec().unwrap(), server)
        .unwrap();
    let mut buf = [0u8; 1500];
    let (n, _) = client
        .recv_from(&mut buf)
        .unwrap_or_else(|e| panic!("no reply for {name}: {e}"));
    let r = Packet::parse(&buf[..n]).unwrap();
    assert_eq!(r.id(), 4242);
    let answers = r
        .answers
        .iter()
        .map(|a| match &a.rdata {
            RData::A(a) => std::net::Ipv4Addr::from(a.address).to_string(),
            RData::AAAA(a) => std::net::Ipv6Addr::from(a.address).to_string(),
            RData::PTR(p) => p.0.to_string(),
            other => format!("{other:?}"),
        })
        .collect();
    (r.rcode(), answers)
}

fn entry(id: &str, ip: &str, names: &[&str]) -> Entry {
    Entry {
        container_id: id.into(),
        ipv4: vec![ip.parse().unwrap()],
        ipv6: vec![],
        names: names.iter().map(|s| s.to_string()).collect(),
        dns_servers: vec![],
    }
}

#[test]
fn responder_answers_names_forwards_the_rest_and_follows_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path();
    let gw: [IpAddr; 1] = ["10.89.0.1".parse().unwrap()];
    records::set_entry(
        run,
        "app",
        &gw,
        &[],
        entry("aaaa", "10.89.0.2", &["web", "www"]),
    )
    .unwrap();
    records::set_entry(run, "back", &gw, &[], entry("bbbb", "10.89.1.2", &["db"])).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(AtomicUsize::new(0));
    let up = upstream(seen.clone(), stop.clone());
    let app_sock = UdpSocket::bind("127.0.0.2:0").unwrap();
    let back_sock = UdpSocket::bind("127.0.0.3:0").unwrap();
    let (app, back) = (
        app_sock.local_addr().unwrap(),
        back_sock.local_addr().unwrap(),
    );
    let mut responder = Responder::new(vec![up], Duration::from_secs(2));
    responder
        .serve(
            app_sock,
            ServedNetwork {
                name: "app".into(),
                records: records::records_file(run, "app"),
                internal: false,
            },
        )
        .unwrap();
    responder
        .serve(
            back_sock,
            ServedNetwork {
                name: "back".into(),
                records: records::records_file(run, "back"),
                internal: true,
            },
        )
        .unwrap();
    let stop2 = stop.clone();
    let thread = std::thread::spawn(move || responder.run(&stop2));

    // Names and aliases, any case, with or without the search domain.
    assert_eq!(
        ask(app, "web", TYPE::A),
        (RCODE::NoError, vec!["10.89.0.2".into()])
    );
    assert_eq!(
        ask(app, "WWW.dns.podman", TYPE::A),
        (RCODE::NoError, vec!["10.89.0.2".into()])
    );
    // A known name without an address of the family: an empty answer.
    assert_eq!(ask(app, "web", TYPE::AAAA), (RCODE::NoError, vec![]));
    assert_eq!(
        ask(app, "2.0.89.10.in-addr.arpa", TYPE::PTR),
        (RCODE::NoError, vec!["web".into(), "www".into()])
    );
    // Another network's names are not this network's.
    assert_eq!(ask(app, "db.dns.podman", TYPE::A).0, RCODE::NameError);
    // Other names go to the upstream resolver.
    assert_eq!(seen.load(Ordering::SeqCst), 0);
    assert_eq!(
        ask(app, "example.com", TYPE::A),
        (RCODE::NoError, vec!["192.0.2.77".into()])
    );
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    // An internal network forwards nothing.
    assert_eq!(
        ask(back, "db", TYPE::A),
        (RCODE::NoError, vec!["10.89.1.2".into()])
    );
    assert_eq!(ask(back, "example.com", TYPE::A).0, RCODE::NameError);
    assert_eq!(seen.load(Ordering::SeqCst), 1);

    // A container that starts later is found; one that stops is gone.
    records::set_entry(run, "app", &gw, &[], entry("cccc", "10.89.0.7", &["api"])).unwrap();
    assert_eq!(
        ask(app, "api", TYPE::A),
        (RCODE::NoError, vec!["10.89.0.7".into()])
    );
    records::set_entry(
        run,
        "app",
        &gw,
        &[],
        entry("aaaa", "10.89.0.9", &["web", "www"]),
    )
    .unwrap();
    assert_eq!(
        ask(app, "web", TYPE::A),
        (RCODE::NoError, vec!["10.89.0.9".into()])
    );
    records::remove_entry(run, "app", "cccc").unwrap();
    assert_eq!(ask(app, "api.dns.podman", TYPE::A).0, RCODE::NameError);

    stop.store(true, Ordering::Relaxed);
    thread.join().unwrap().unwrap();
}

#[test]
fn unreachable_resolvers_give_servfail_within_the_timeout() {
    let tmp = tempfile::tempdir().unwrap();
    // A port nobody listens on: the query is refused or times out.
    let dead = UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let sock = UdpSocket::bind("127.0.0.4:0").unwrap();
    let addr = sock.local_addr().unwrap();
    let mut responder = Responder::new(vec![dead], Duration::from_millis(300));
    responder
        .serve(
            sock,
            ServedNetwork {
                name: "n".into(),
                records: records::records_file(tmp.path(), "n"),
                internal: false,
            },
        )
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    let thread = std::thread::spawn(move || responder.run(&stop2));
    assert_eq!(ask(addr, "example.com", TYPE::A).0, RCODE::ServerFailure);
    stop.store(true, Ordering::Relaxed);
    thread.join().unwrap().unwrap();
}
