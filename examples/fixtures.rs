//! Pushes rpod's test fixture images to a registry, for bench/ and manual checks:
//! `cargo run --release --example fixtures -- --registry 127.0.0.1:PORT [--big] [--user U --password P]`

// The fixtures are the tests' own code, which uses std::fs (see tests/it/main.rs).
#[allow(clippy::disallowed_methods)]
#[path = "../tests/it/fixtures.rs"]
mod fixtures;

fn main() {
    let mut registry = None;
    let mut big = false;
    let mut user = None;
    let mut password = None;
    let mut only = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--registry" => registry = args.next(),
            "--big" => big = true,
            "--user" => user = args.next(),
            "--password" => password = args.next(),
            "--only" => only.extend(args.next()),
            "-h" | "--help" => {
                println!("usage: fixtures --registry HOST:PORT [--big] [--only REPO]... [--user U --password P]");
                return;
            }
            other => {
                eprintln!("fixtures: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let Some(registry) = registry else {
        eprintln!("fixtures: --registry HOST:PORT is required");
        std::process::exit(2);
    };
    let auth = user.zip(password);
    let pusher = fixtures::Pusher::new(&registry, auth);
    let mut list: Vec<fixtures::Fixture> = fixtures::all()
        .into_iter()
        .filter(|f| only.is_empty() || only.contains(&f.repo))
        .collect();
    if big {
        list.push(fixtures::big());
    }
    for f in &list {
        if let Err(e) = pusher.push(f, None) {
            eprintln!("fixtures: {e}");
            std::process::exit(1);
        }
        let size: usize = f
            .images
            .iter()
            .flat_map(|i| &i.layers)
            .map(|l| l.blob.bytes.len())
            .sum();
        println!(
            "{registry}/{} {} ({} layers, {size} bytes)",
            f.name(),
            f.digest(),
            f.host_image().layers.len()
        );
    }
}
