//! What the browser got back from a request, as plain data the pure core can classify:
//! the HTTP status (0 when `fetch` itself failed), the body text and the response headers
//! the shell could read. Never holds the request's own headers, so never the API key.

/// One HTTP response, or a failed fetch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status; 0 when no response arrived (offline, wrong address, refused by
    /// CORS — `fetch` rejects with a `TypeError` and cannot tell which).
    pub status: u16,
    pub body: String,
    /// Response headers by name, as the shell read them (names in any case). A browser only
    /// shows a cross-origin response's headers the server exposes, so any may be missing.
    pub headers: Vec<(String, String)>,
}

impl Reply {
    /// A response with a status and a body and no headers.
    pub fn new(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    /// `fetch` rejected: no response at all.
    pub fn failed() -> Reply {
        Reply::default()
    }

    /// Adds a response header.
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The first header of this name, matched without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim())
    }
}
