//! Unit tests of the events journal: formats, filters, times, rotation,
//! concurrent writers and following.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use chrono::DateTime;

use super::*;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const CID: &str = "3f4e5d6c7b8a99887766554433221100ffeeddccbbaa99887766554433221100";

fn container(status: Status, name: &str) -> Event {
    Event {
        time: at("2024-01-01T12:00:00.123456789Z"),
        ..Event::container(
            status,
            CID,
            name,
            "docker.io/library/alpine:latest",
            &labels(&[("app", "web")]),
        )
    }
}

#[test]
fn times_are_written_as_go_writes_rfc3339_nano() {
    assert_eq!(
        rfc3339_nano(&at("2024-01-01T12:00:00.123456789Z")),
        "2024-01-01T12:00:00.123456789Z"
    );
    // Trailing zeros go; whole seconds have no fraction.
    assert_eq!(
        rfc3339_nano(&at("2022-04-06T11:26:42.723667900+02:00")),
        "2022-04-06T11:26:42.7236679+02:00"
    );
    assert_eq!(
        rfc3339_nano(&at("2024-01-01T12:00:00+00:00")),
        "2024-01-01T12:00:00Z"
    );
    assert_eq!(
        rfc3339_nano(&at("2024-01-01T12:00:00.5-05:30")),
        "2024-01-01T12:00:00.5-05:30"
    );
}

#[test]
fn times_are_printed_as_go_prints_them() {
    assert_eq!(
        go_time_string(&at("2024-01-01T12:00:00.123456789Z")),
        "2024-01-01 12:00:00.123456789 +0000 UTC"
    );
    assert_eq!(
        go_time_string(&at("2024-01-01T12:00:00.1Z")),
        "2024-01-01 12:00:00.1 +0000 UTC"
    );
    // An offset that is not the local zone's: Go's unnamed zone prints the
    // offset twice. (+14:00 is nobody's local offset in January.)
    assert_eq!(
        go_time_string(&at("2024-01-01T12:00:00+14:00")),
        "2024-01-01 12:00:00 +1400 +1400"
    );
}

#[test]
fn the_journal_line_is_podmans() {
    let e = container(Status::Create, "web");
    assert_eq!(
        e.to_line(),
        format!(
            "{{\"ID\":\"{CID}\",\"Image\":\"docker.io/library/alpine:latest\",\"Name\":\"web\",\
             \"Status\":\"create\",\"Time\":\"2024-01-01T12:00:00.123456789Z\",\"Type\":\"container\",\
             \"Attributes\":{{\"app\":\"web\"}}}}"
        )
    );
    let mut died = container(Status::Died, "web");
    died.container_exit_code = Some(17);
    assert!(died
        .to_line()
        .starts_with("{\"ContainerExitCode\":17,\"ID\":"));
    // podman's own lines read back unchanged.
    let podman = "{\"Name\":\"busybox\",\"Status\":\"pull\",\"Time\":\"2022-04-06T11:26:42.723667951+02:00\",\"Type\":\"image\",\"Attributes\":null}";
    let e = Event::from_line(podman).unwrap();
    assert_eq!(e.to_line(), podman);
    assert_eq!(e.kind, Type::Image);
    assert_eq!(e.status, Status::Pull);
}

#[test]
fn json_is_escaped_as_go_escapes_it() {
    let mut e = container(Status::Start, "web");
    e.attributes = Some(labels(&[("q", "<a&b>")]));
    assert!(e.to_line().contains(r#""q":"\u003ca\u0026b\u003e""#));
    assert_eq!(Event::from_line(&e.to_line()).unwrap(), e);
}

#[test]
fn json_output_has_unix_times() {
    let mut e = container(Status::Died, "web");
    e.container_exit_code = Some(0);
    assert_eq!(
        e.to_json_line(),
        format!(
            "{{\"ContainerExitCode\":0,\"ID\":\"{CID}\",\"Image\":\"docker.io/library/alpine:latest\",\
             \"Name\":\"web\",\"Status\":\"died\",\"time\":1704110400,\"timeNano\":1704110400123456789,\
             \"Type\":\"container\",\"Attributes\":{{\"app\":\"web\"}}}}"
        )
    );
    let mut rotated = Event::rotation(Path::new("/run/e.log"), true);
    rotated.time = at("2024-01-01T12:00:00Z");
    assert_eq!(
        rotated.to_json_line(),
        "{\"Name\":\"/run/e.log\",\"Status\":\"log-rotation\",\"time\":1704110400,\"timeNano\":1704110400000000000,\"Type\":\"system\",\"Attributes\":{\"io.podman.event.rotate\":\"begin\"}}"
    );
    let pull_error = Event {
        time: at("2024-01-01T12:00:00Z"),
        ..Event::pull_error("localhost:1/bogus", "pinging: connection refused")
    };
    assert!(pull_error
        .to_json_line()
        .contains(r#""Type":"image","Error":"pinging: connection refused","Attributes":null"#));
}

#[test]
fn template_data_has_go_field_names() {
    let mut e = container(Status::Died, "web");
    e.container_exit_code = Some(3);
    let d = e.template_data();
    assert_eq!(d["ID"], CID);
    assert_eq!(d["Status"], "died");
    assert_eq!(d["Type"], "container");
    assert_eq!(d["Time"], 1_704_110_400);
    assert_eq!(d["TimeNano"], 1_704_110_400_123_456_789_i64);
    assert_eq!(d["ContainerExitCode"], 3);
    assert_eq!(d["Attributes"]["app"], "web");
    assert_eq!(d["Details"]["Attributes"]["app"], "web");
    assert_eq!(d["Network"], "");
}

#[test]
fn human_lines_are_podmans() {
    let e = container(Status::Start, "web");
    assert_eq!(
        e.to_human(false),
        format!("2024-01-01 12:00:00.123456789 +0000 UTC container start {CID} (image=docker.io/library/alpine:latest, name=web, app=web)")
    );
    assert_eq!(
        e.to_human(true),
        "2024-01-01 12:00:00.123456789 +0000 UTC container start 3f4e5d6c7b8a (image=docker.io/library/alpine:latest, name=web, app=web)"
    );
    let t = at("2024-01-01T12:00:00Z");
    let image = Event {
        time: t,
        ..Event::image(Status::Untag, CID, "localhost/x:latest")
    };
    assert_eq!(
        image.to_human(true),
        "2024-01-01 12:00:00 +0000 UTC image untag 3f4e5d6c7b8a localhost/x:latest"
    );
    let failed = Event {
        time: t,
        ..Event::pull_error("localhost:1/bogus", "connection refused")
    };
    assert_eq!(
        failed.to_human(false),
        "2024-01-01 12:00:00 +0000 UTC image pull-error  localhost:1/bogus connection refused"
    );
    let vol = Event {
        time: t,
        ..Event::volume(Status::Create, "data")
    };
    assert_eq!(
        vol.to_human(false),
        "2024-01-01 12:00:00 +0000 UTC volume create data"
    );
    let net = Event {
        time: t,
        ..Event::network(Status::Create, "front", "abc", "bridge")
    };
    assert_eq!(
        net.to_human(true),
        "2024-01-01 12:00:00 +0000 UTC network create abc (name=front, type=bridge)"
    );
    let joined = Event {
        time: t,
        ..Event::network_container(Status::Connect, CID, "web", "front")
    };
    assert_eq!(
        joined.to_human(true),
        "2024-01-01 12:00:00 +0000 UTC network connect 3f4e5d6c7b8a (container=3f4e5d6c7b8a, name=front)"
    );
    let rot = Event {
        time: t,
        ..Event::rotation(Path::new("/r/events.log"), false)
    };
    assert_eq!(
        rot.to_human(false),
        "2024-01-01 12:00:00 +0000 UTC system log-rotation /r/events.log"
    );
}

fn filters(f: &[&str]) -> Filters {
    let f: Vec<String> = f.iter().map(|s| s.to_string()).collect();
    Filters::parse(&f, None, None, SystemTime::now()).unwrap()
}

#[test]
fn filters_or_within_a_key_and_across_keys() {
    let web = container(Status::Start, "web");
    let db = Event {
        name: "db".into(),
        id: "ab".repeat(32),
        ..container(Status::Start, "db")
    };
    let web_died = container(Status::Died, "web");
    let both = filters(&["container=web", "container=db", "event=start"]);
    assert!(both.matches(&web) && both.matches(&db) && !both.matches(&web_died));
    // By ID prefix; `die` is Docker's `died`.
    let died = filters(&["container=3f4e5d", "status=die"]);
    assert!(died.matches(&web_died) && !died.matches(&web) && !died.matches(&db));
    assert!(filters(&["label=app"]).matches(&web));
    assert!(filters(&["label=app=web"]).matches(&web));
    assert!(!filters(&["label=app=db"]).matches(&web));
    assert!(!filters(&["label=other"]).matches(&web));
    assert!(filters(&["type=container"]).matches(&web));
    assert!(!filters(&["type=image"]).matches(&web));
    // A container filter never matches other types.
    let img = Event::image(Status::Pull, CID, "web");
    assert!(!filters(&["container=web"]).matches(&img));
    assert!(filters(&["image=web", "image=nope"]).matches(&img));
    let vol = Event::volume(Status::Create, "data-1");
    assert!(filters(&["volume=data"]).matches(&vol));
    assert!(!filters(&["volume=ata"]).matches(&vol));
    let net = Event::network(Status::Create, "front", "cafe01", "bridge");
    assert!(filters(&["network=front"]).matches(&net));
    assert!(filters(&["network=cafe"]).matches(&net));
    assert!(!filters(&["network=back"]).matches(&net));
    assert!(filters(&[]).matches(&net));
}

#[test]
fn bad_filters_are_refused_as_podman_refuses_them() {
    let parse = |f: &[&str], since: Option<&str>| {
        let f: Vec<String> = f.iter().map(|s| s.to_string()).collect();
        Filters::parse(&f, since, None, SystemTime::now())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        parse(&["container"], None),
        "failed to parse event filters: container is an invalid filter"
    );
    assert_eq!(
        parse(&["colour=red"], None),
        "failed to parse event filters: colour is an invalid filter"
    );
    assert_eq!(
        parse(&[], Some("the dawn of time...ish")),
        "failed to parse event filters: unable to convert since time of the dawn of time...ish: unable to interpret time value"
    );
}

#[test]
fn since_and_until_take_podmans_time_forms() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_110_400); // 2024-01-01T12:00:00Z
    let e = |s: &str| Event {
        time: at(s),
        ..container(Status::Start, "web")
    };
    let window =
        |since: &str, until: &str| Filters::parse(&[], Some(since), Some(until), now).unwrap();
    // Durations: back from now for since, forward for until.
    let f = window("10m", "5m");
    assert!(f.matches(&e("2024-01-01T11:55:00Z")));
    assert!(f.matches(&e("2024-01-01T12:04:59Z")));
    assert!(!f.matches(&e("2024-01-01T11:49:59Z")));
    assert!(!f.matches(&e("2024-01-01T12:05:00Z")));
    // RFC 3339 in another zone, Unix times; both bounds are exclusive.
    let f = window("2024-01-01T13:00:00+01:00", "1704110460");
    assert!(!f.matches(&e("2024-01-01T12:00:00Z")));
    assert!(f.matches(&e("2024-01-01T12:00:00.000000001Z")));
    assert!(!f.matches(&e("2024-01-01T12:01:00Z")));
    // A date alone is midnight UTC.
    let f = window("2024-01-01", "2024-01-02");
    assert!(f.matches(&e("2024-01-01T12:00:00Z")));
    assert!(f.has_time_bounds());
    assert!(!filters(&[]).has_time_bounds());
}

fn journal(dir: &Path, max: u64) -> Journal {
    Journal::new(Backend::File, dir.join("events/events.log"), max)
}

/// podman's test fixture: 100 lines of 113 bytes.
fn populate(path: &Path) {
    let mut text = String::new();
    for i in 0..100 {
        text.push_str(&format!(
            "{{\"Name\":\"busybox\",\"Status\":\"pull\",\"Time\":\"2022-04-06T11:26:42.7236679{i:02}+02:00\",\"Type\":\"image\",\"Attributes\":null}}\n"
        ));
    }
    assert_eq!(text.len(), 11300);
    fs_err::create_dir_all(path.parent().unwrap()).unwrap();
    fs_err::write(path, text).unwrap();
}

fn file_lines(path: &Path) -> Vec<String> {
    fs_err::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn rotation_keeps_the_newer_half_between_markers() {
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path(), 4750);
    populate(j.path());
    j.write(&container(Status::Remove, "web")).unwrap();
    let lines = file_lines(j.path());
    // begin, the 49 lines after the one the middle starts, end, the new one.
    assert_eq!(lines.len(), 52);
    let begin = Event::from_line(&lines[0]).unwrap();
    assert_eq!(begin.rotation_marker(), Some(true));
    assert_eq!(begin.name, j.path().display().to_string());
    assert!(lines[1].contains("2022-04-06T11:26:42.723667951+02:00"));
    assert!(lines[49].contains("2022-04-06T11:26:42.723667999+02:00"));
    assert_eq!(
        Event::from_line(&lines[50]).unwrap().rotation_marker(),
        Some(false)
    );
    assert_eq!(Event::from_line(&lines[51]).unwrap().status, Status::Remove);
    // Without a limit nothing is cut.
    let unlimited = journal(dir.path(), 0);
    populate(unlimited.path());
    unlimited.write(&container(Status::Remove, "web")).unwrap();
    assert_eq!(file_lines(unlimited.path()).len(), 101);
}

#[test]
fn the_none_backend_writes_nothing_and_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::new(Backend::None, dir.path().join("e/events.log"), 0);
    j.write(&container(Status::Start, "web")).unwrap();
    assert!(!j.path().exists());
    let err = read(&j, &ReadOptions::default(), &mut |_| true).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read events with the \"none\" backend"
    );
}

#[test]
fn concurrent_writers_lose_and_tear_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path(), 0);
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let j = j.clone();
            std::thread::spawn(move || {
                for i in 0..200 {
                    let mut e = container(Status::Start, &format!("w{w}-{i}"));
                    // Lines longer than PIPE_BUF too.
                    e.attributes = Some(labels(&[("pad", &"x".repeat(5000 * (i % 2)))]));
                    j.write(&e).unwrap();
                }
            })
        })
        .collect();
    writers.into_iter().for_each(|w| w.join().unwrap());
    let lines = file_lines(j.path());
    assert_eq!(lines.len(), 1600);
    let mut names: Vec<String> = lines
        .iter()
        .map(|l| Event::from_line(l).unwrap().name)
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 1600);
}

#[test]
fn concurrent_writers_across_rotations_leave_whole_lines() {
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path(), 20_000);
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let j = j.clone();
            std::thread::spawn(move || {
                for i in 0..300 {
                    j.write(&container(Status::Start, &format!("w{w}-{i}")))
                        .unwrap();
                }
            })
        })
        .collect();
    writers.into_iter().for_each(|w| w.join().unwrap());
    let lines = file_lines(j.path());
    assert!(fs_err::metadata(j.path()).unwrap().len() < 20_000 + 1000);
    for l in &lines {
        Event::from_line(l).unwrap_or_else(|e| panic!("torn line {l:?}: {e}"));
    }
    // What is kept is a tail of the one order the lock imposed: each
    // writer's events in it are consecutive, and the last line is some
    // writer's last event.
    let events: Vec<Event> = lines.iter().map(|l| Event::from_line(l).unwrap()).collect();
    for w in 0..4 {
        let prefix = format!("w{w}-");
        let seq: Vec<u32> = events
            .iter()
            .filter_map(|e| e.name.strip_prefix(&prefix)?.parse().ok())
            .collect();
        assert!(
            seq.windows(2).all(|p| p[1] == p[0] + 1),
            "writer {w}: {seq:?}"
        );
    }
    let last = &events.last().unwrap().name;
    assert!(last.ends_with("-299"), "{last}");
}

/// Follows `j` in a thread; events arrive on the returned channel until
/// one named `stop` is read.
fn follow(j: &Journal, opts: ReadOptions) -> (mpsc::Receiver<Item>, std::thread::JoinHandle<()>) {
    let (tx, rx) = mpsc::channel();
    let j = j.clone();
    let handle = std::thread::spawn(move || {
        read(&j, &opts, &mut |item| {
            let stop = matches!(&item, Ok(e) if e.name == "stop");
            tx.send(item).unwrap();
            !stop
        })
        .unwrap();
    });
    (rx, handle)
}

fn recv_until_stop(rx: &mpsc::Receiver<Item>) -> Vec<Event> {
    let mut out = Vec::new();
    loop {
        let e = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the follower delivers within 20 s")
            .expect("only events");
        let stop = e.name == "stop";
        out.push(e);
        if stop {
            return out;
        }
    }
}

#[test]
fn following_starts_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path(), 0);
    populate(j.path());
    let (rx, handle) = follow(
        &j,
        ReadOptions {
            filters: Filters::default(),
            stream: true,
        },
    );
    // The follower is reading once it has seen its first event: write
    // until one arrives (no sleeps).
    let first = loop {
        j.write(&container(Status::Create, "probe")).unwrap();
        if let Ok(item) = rx.recv_timeout(Duration::from_millis(200)) {
            break item.unwrap();
        }
    };
    assert_eq!(first.name, "probe");
    j.write(&container(Status::Start, "stop")).unwrap();
    let got = recv_until_stop(&rx);
    handle.join().unwrap();
    assert!(
        got.iter().all(|e| e.name == "probe" || e.name == "stop"),
        "{got:?}"
    );
}

#[test]
fn following_crosses_a_rotation_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    // The populated file is at the limit: the next write rotates.
    let j = journal(dir.path(), 11300);
    populate(j.path());
    let (rx, handle) = follow(
        &j,
        ReadOptions {
            filters: Filters::parse(&[], Some("2022-03-06T11:26:42Z"), None, SystemTime::now())
                .unwrap(),
            stream: true,
        },
    );
    // Once the 100 old events arrived, the follower reads at the end.
    for _ in 0..100 {
        let e = rx.recv_timeout(Duration::from_secs(20)).unwrap().unwrap();
        assert_eq!(e.name, "busybox");
    }
    j.write(&container(Status::Create, "after")).unwrap();
    j.write(&container(Status::Remove, "stop")).unwrap();
    let got = recv_until_stop(&rx);
    handle.join().unwrap();
    let names: Vec<&str> = got.iter().map(|e| e.name.as_str()).collect();
    // The rotation's copy of what was read is skipped; its `end` marker
    // is shown, as podman shows it.
    let journal_name = j.path().display().to_string();
    assert_eq!(names, [journal_name.as_str(), "after", "stop"], "{got:?}");
    assert_eq!(got[0].rotation_marker(), Some(false));
    assert_eq!(file_lines(j.path()).len(), 49 + 2 + 2);
}

#[test]
fn reading_from_the_start_shows_an_earlier_rotation() {
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path(), 4750);
    populate(j.path());
    j.write(&container(Status::Remove, "web")).unwrap();
    let mut got = Vec::new();
    let since = "2022-03-06T11:26:42.723667984+02:00";
    let opts = ReadOptions {
        filters: Filters::parse(&[], Some(since), None, SystemTime::now()).unwrap(),
        stream: false,
    };
    read(&j, &opts, &mut |item| {
        got.push(item.unwrap());
        true
    })
    .unwrap();
    assert_eq!(got.len(), 52);
    assert_eq!(got[0].rotation_marker(), Some(true));
    assert_eq!(got[50].rotation_marker(), Some(false));
    assert_eq!(got[51].name, "web");
}

#[test]
fn a_line_being_written_waits_for_its_newline_and_junk_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path(), 0);
    j.write(&container(Status::Create, "one")).unwrap();
    let (rx, handle) = follow(
        &j,
        ReadOptions {
            // The events here are of 2024 (see `container`).
            filters: Filters::parse(&[], Some("2023-01-01"), None, SystemTime::now()).unwrap(),
            stream: true,
        },
    );
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(20))
            .unwrap()
            .unwrap()
            .name,
        "one"
    );
    let line = container(Status::Start, "stop").to_line();
    let (head, tail) = line.split_at(40);
    let mut f = fs_err::OpenOptions::new()
        .append(true)
        .open(j.path())
        .unwrap();
    f.write_all(b"not json\n").unwrap();
    f.write_all(head.as_bytes()).unwrap();
    f.flush().unwrap();
    let junk = rx
        .recv_timeout(Duration::from_secs(20))
        .unwrap()
        .unwrap_err();
    assert!(junk.contains("events.log"), "{junk}");
    f.write_all(format!("{tail}\n").as_bytes()).unwrap();
    let last = rx.recv_timeout(Duration::from_secs(20)).unwrap().unwrap();
    assert_eq!(last.name, "stop");
    handle.join().unwrap();
}

#[test]
fn following_a_journal_not_yet_written_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path(), 0);
    let (rx, handle) = follow(
        &j,
        ReadOptions {
            filters: Filters::default(),
            stream: true,
        },
    );
    // Until the follower made the directory and watches it, writes may
    // land before it opens the file: then it reads them from the start.
    loop {
        j.write(&container(Status::Start, "stop")).unwrap();
        if let Ok(item) = rx.recv_timeout(Duration::from_millis(200)) {
            assert_eq!(item.unwrap().name, "stop");
            break;
        }
    }
    handle.join().unwrap();
}

#[test]
fn until_ends_following() {
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path(), 0);
    j.write(&container(Status::Create, "old")).unwrap();
    let mut got = Vec::new();
    // An until in the past: what is there is read, then reading stops.
    let opts = ReadOptions {
        filters: Filters::parse(&[], None, Some("2000-01-01"), SystemTime::now()).unwrap(),
        stream: true,
    };
    read(&j, &opts, &mut |item| {
        got.push(item);
        true
    })
    .unwrap();
    assert!(got.is_empty());
}
