fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = apiref_scrape::ServiceDir::open(std::path::Path::new(&args[0])).unwrap();
    let (docs, _) = dir.documents();
    let t = std::time::Instant::now();
    for d in &docs {
        let l = apiref_scrape::layouts::detect(&d.text).unwrap();
        let _ = l.parse(&d.file, &d.text);
    }
    eprintln!("parse: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let s = apiref_scrape::pipeline::scrape_documents(&dir.manifest, &docs, Vec::new());
    eprintln!("all: {:?}", t.elapsed());
    apiref_scrape::outputs::write(&s, std::path::Path::new(&args[1])).unwrap();
    println!("{}", apiref_scrape::outputs::summary(&s));
}
