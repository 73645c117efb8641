//! Loads a spec and prints a short summary: a standalone binary for profiling
//! `Spec::from_yaml` (e.g. under `valgrind --tool=callgrind`).

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load <spec.yaml>");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).expect("readable spec");
    match apiref_spec::Spec::from_yaml(&path, &text) {
        Ok(spec) => println!(
            "{}: {} operations, {} schemas",
            spec.service.name,
            spec.operations.len(),
            spec.schemas.len()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
