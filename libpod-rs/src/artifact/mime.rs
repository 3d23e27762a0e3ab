//! The media type `artifact add` gives a file without `--file-type`: the
//! content sniffing of Go's `http.DetectContentType` (WHATWG MIME
//! sniffing over the first 512 bytes), which podman uses, for the
//! signatures that matter for files people add (text, markup, archives,
//! images, PDF); anything else is `application/octet-stream`.

/// How many leading bytes are looked at.
pub const SNIFF_LEN: usize = 512;

/// Tags whose presence (case-insensitive, after leading whitespace,
/// followed by a space or `>`) makes content HTML.
const HTML_TAGS: &[&str] = &[
    "<!DOCTYPE HTML",
    "<HTML",
    "<HEAD",
    "<SCRIPT",
    "<IFRAME",
    "<H1",
    "<DIV",
    "<FONT",
    "<TABLE",
    "<A",
    "<STYLE",
    "<TITLE",
    "<B",
    "<BODY",
    "<BR",
    "<P",
    "<!--",
];

/// Exact leading signatures and their types.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "application/pdf"),
    (b"%!PS-Adobe-", "application/postscript"),
    (b"\xFE\xFF", "text/plain; charset=utf-16be"),
    (b"\xFF\xFE", "text/plain; charset=utf-16le"),
    (b"\xEF\xBB\xBF", "text/plain; charset=utf-8"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"\x00\x00\x02\x00", "image/x-icon"),
    (b"BM", "image/bmp"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\x89PNG\x0D\x0A\x1A\x0A", "image/png"),
    (b"\xFF\xD8\xFF", "image/jpeg"),
    (b"OggS\x00", "application/ogg"),
    (b"MThd\x00\x00\x00\x06", "audio/midi"),
    (b"ID3", "audio/mpeg"),
    (b"\x1A\x45\xDF\xA3", "video/webm"),
    (
        b"\x52\x61\x72\x20\x1A\x07\x00",
        "application/x-rar-compressed",
    ),
    (
        b"\x52\x61\x72\x21\x1A\x07\x00",
        "application/x-rar-compressed",
    ),
    (b"\x1F\x8B\x08", "application/x-gzip"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x00\x61\x73\x6D", "application/wasm"),
];

/// Whether a byte marks content as binary (WHATWG's "binary data byte").
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// The media type of content beginning with `data` (at most
/// [`SNIFF_LEN`] bytes are looked at).
pub fn detect(data: &[u8]) -> &'static str {
    let data = &data[..data.len().min(SNIFF_LEN)];
    let trimmed = {
        let start = data.iter().position(|b| !is_ws(*b)).unwrap_or(data.len());
        &data[start..]
    };
    for tag in HTML_TAGS {
        let t = tag.as_bytes();
        if trimmed.len() > t.len()
            && trimmed[..t.len()].eq_ignore_ascii_case(t)
            && matches!(trimmed[t.len()], b' ' | b'>')
        {
            return "text/html; charset=utf-8";
        }
    }
    if trimmed.starts_with(b"<?xml") {
        return "text/xml; charset=utf-8";
    }
    for (sig, kind) in SIGNATURES {
        if data.starts_with(sig) {
            return kind;
        }
    }
    if data.len() >= 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        return "image/webp";
    }
    if data.len() >= 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WAVE" {
        return "audio/wave";
    }
    if data.iter().any(|b| is_binary_byte(*b)) {
        return "application/octet-stream";
    }
    "text/plain; charset=utf-8"
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn sniffs_as_go_does() {
        for (data, want) in [
            (&b""[..], "text/plain; charset=utf-8"),
            (b"hello world\n", "text/plain; charset=utf-8"),
            (b"key: value\n", "text/plain; charset=utf-8"),
            (b"  <html><body>", "text/html; charset=utf-8"),
            (b"<?xml version=\"1.0\"?>", "text/xml; charset=utf-8"),
            (b"\x1F\x8B\x08\x00rest", "application/x-gzip"),
            (b"\x89PNG\x0D\x0A\x1A\x0A....", "image/png"),
            (b"%PDF-1.4", "application/pdf"),
            (b"ab\x00cd", "application/octet-stream"),
            (b"\x7FELF\x02\x01\x01\x00", "application/octet-stream"),
        ] {
            assert_eq!(detect(data), want, "{data:?}");
        }
    }
}
