//! Why a Linear pull failed, in words a TPM can act on, and the reading of a reply that
//! decides it. Every message says what to do next and offers the CSV export as the way
//! around. Never sees the API key; never panics on any reply.

use chrono::{DateTime, Duration, Timelike, Utc};
use serde_json::Value;

use super::json::{at, list, start_of, text};
use super::reply::Reply;
use crate::model::edit::parse_number;

/// A pull that cannot go on. Nothing was changed when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PullError {
    #[error(
        "Paste a Linear personal API key first (in Linear: Settings → Security & access → \
         Personal API keys)."
    )]
    NoKey,
    #[error(
        "That API key has spaces, line breaks or other characters no key has; copy it again \
         from Linear (Settings → Security & access → Personal API keys)."
    )]
    MalformedKey,
    #[error(
        "\"{0}\" is not a web address for the endpoint; leave it empty for Linear's own \
         (https://api.linear.app/graphql) or give your proxy's address starting with https://."
    )]
    BadEndpoint(String),
    #[error("Choose what to pull first: List teams and projects, then tick at least one.")]
    NothingChosen,
    #[error(
        "Linear did not accept this API key: it is wrong, expired or revoked. Create a new \
         personal API key in Linear (Settings → Security & access), paste it here and pull \
         again — or use the CSV export instead."
    )]
    Unauthorized,
    #[error(
        "This API key may not read what was asked{detail}. Ask a Linear admin for access, \
         pick other teams or projects, or use the CSV export instead."
    )]
    Forbidden { detail: String },
    #[error(
        "Linear is limiting how often this API key may ask (rate limit). {wait}. Nothing was \
         changed; pull again then, or use the CSV export instead."
    )]
    RateLimited {
        /// When Linear says the limit lifts, if the reply said so.
        retry_at: Option<DateTime<Utc>>,
        /// "Wait about 12 minutes (…)", worked out from `retry_at` and the time of the reply.
        wait: String,
    },
    #[error(
        "Linear refused the request: {message}. Nothing was changed; try again, or use the \
         CSV export instead."
    )]
    Refused { message: String },
    #[error(
        "Linear's server had a problem (HTTP {status}). Nothing was changed; try again in a \
         few minutes, or use the CSV export instead."
    )]
    ServerError { status: u16 },
    #[error(
        "Could not reach {endpoint}: this computer may be offline, the address may be wrong, \
         the server may be down, or it does not allow calls from this page (CORS). Check the \
         connection and the endpoint and pull again — or use the CSV export instead."
    )]
    Unreachable { endpoint: String },
    #[error(
        "{endpoint} did not answer like Linear's API (HTTP {status}, \"{start}\"). Check the \
         endpoint address — Linear's own is https://api.linear.app/graphql — or use the CSV \
         export instead."
    )]
    NotLinear {
        endpoint: String,
        status: u16,
        start: String,
    },
}

/// The `data` of a usable reply, with any errors Linear reported beside it as warnings;
/// else why the reply cannot be used.
pub(super) fn read_reply(
    reply: &Reply,
    endpoint: &str,
    now: DateTime<Utc>,
) -> Result<(Value, Vec<String>), PullError> {
    if reply.status == 0 {
        return Err(PullError::Unreachable {
            endpoint: endpoint.to_string(),
        });
    }
    let parsed: Option<Value> = serde_json::from_str(&reply.body).ok();
    let errors: Vec<GraphqlError> = parsed
        .as_ref()
        .map(|body| {
            list(body, &["errors"])
                .iter()
                .map(GraphqlError::read)
                .collect()
        })
        .unwrap_or_default();
    let any = |kind: Kind| errors.iter().any(|error| error.kind == kind);

    if reply.status == 401 || any(Kind::Authentication) {
        return Err(PullError::Unauthorized);
    }
    if reply.status == 429 || any(Kind::RateLimited) {
        let retry_at = retry_at(reply, now);
        return Err(PullError::RateLimited {
            retry_at,
            wait: wait_words(retry_at, now),
        });
    }
    if reply.status == 403 || any(Kind::Forbidden) {
        let detail = errors
            .iter()
            .find(|error| error.kind == Kind::Forbidden)
            .map(|error| format!(" (Linear says: {})", error.message))
            .unwrap_or_default();
        return Err(PullError::Forbidden { detail });
    }
    if reply.status >= 500 {
        return Err(PullError::ServerError {
            status: reply.status,
        });
    }
    let Some(body) = parsed.filter(|body| body.is_object()) else {
        return Err(PullError::NotLinear {
            endpoint: endpoint.to_string(),
            status: reply.status,
            start: start_of(&reply.body),
        });
    };
    let messages = || {
        let mut messages: Vec<&str> = Vec::new();
        for error in &errors {
            if !messages.contains(&error.message.as_str()) {
                messages.push(&error.message);
            }
        }
        messages.truncate(3);
        messages.join("; ")
    };
    let data = at(&body, &["data"]).filter(|data| data.is_object());
    match data {
        Some(data) if (200..300).contains(&reply.status) => {
            let warnings = errors
                .iter()
                .map(|error| {
                    format!(
                        "Linear reported a problem with part of the answer: {}",
                        error.message
                    )
                })
                .collect();
            Ok((data.clone(), warnings))
        }
        _ if !errors.is_empty() => Err(PullError::Refused {
            message: messages(),
        }),
        _ if (200..300).contains(&reply.status) => Err(PullError::NotLinear {
            endpoint: endpoint.to_string(),
            status: reply.status,
            start: start_of(&reply.body),
        }),
        _ => Err(PullError::Refused {
            message: format!("HTTP {}", reply.status),
        }),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Authentication,
    RateLimited,
    Forbidden,
    Other,
}

/// One entry of a GraphQL `errors` list, as Linear writes it: `message` and `extensions`
/// with `code` (`AUTHENTICATION_ERROR`, `RATELIMITED`, `FORBIDDEN`, …), `type`
/// (`authentication error`, `ratelimited`, …) and `userPresentableMessage`.
struct GraphqlError {
    kind: Kind,
    message: String,
}

impl GraphqlError {
    fn read(error: &Value) -> GraphqlError {
        let code = text(error, &["extensions", "code"])
            .unwrap_or_default()
            .to_ascii_uppercase();
        let kind_text = text(error, &["extensions", "type"])
            .unwrap_or_default()
            .to_ascii_lowercase();
        let raw = text(error, &["message"]).unwrap_or_default();
        let lower = raw.to_ascii_lowercase();
        let kind = if code == "AUTHENTICATION_ERROR"
            || code == "UNAUTHENTICATED"
            || kind_text == "authentication error"
            || lower.contains("authentication required")
            || lower.contains("not authenticated")
        {
            Kind::Authentication
        } else if code == "RATELIMITED"
            || code == "RATE_LIMITED"
            || kind_text == "ratelimited"
            || lower.contains("rate limit")
        {
            Kind::RateLimited
        } else if code == "FORBIDDEN" || kind_text == "forbidden" {
            Kind::Forbidden
        } else {
            Kind::Other
        };
        let message = text(error, &["extensions", "userPresentableMessage"])
            .or(Some(raw).filter(|raw| !raw.is_empty()))
            .map(|message| shorten(message.trim_end_matches('.')))
            .unwrap_or_else(|| "an error without a message".to_string());
        GraphqlError { kind, message }
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 200 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(200).collect::<String>())
    }
}

/// The longest wait believed: a reply claiming more than a day is misread or hostile.
const LONGEST_WAIT_SECONDS: f64 = 86_400.0;

/// When the limit lifts, from `Retry-After` (seconds or an HTTP date) or Linear's
/// `X-RateLimit-*-Reset` headers (epoch seconds or milliseconds); the latest one wins.
fn retry_at(reply: &Reply, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let after = |seconds: f64| {
        (0.0..=LONGEST_WAIT_SECONDS)
            .contains(&seconds)
            .then(|| now + Duration::milliseconds((seconds * 1000.0) as i64))
    };
    let retry_after = reply
        .header("retry-after")
        .and_then(|value| match parse_number(value) {
            Some(seconds) => after(seconds),
            None => crate::model::dates::parse_http_date(value)
                .filter(|&date| date >= now && date <= now + Duration::days(1)),
        });
    let resets = [
        "x-ratelimit-requests-reset",
        "x-ratelimit-complexity-reset",
        "x-ratelimit-reset",
    ]
    .into_iter()
    .filter_map(|name| parse_number(reply.header(name)?))
    .filter(|epoch| epoch.is_finite() && *epoch > 0.0)
    .filter_map(|epoch| {
        // Linear sends milliseconds; a plain Unix time in seconds is far smaller.
        let millis = if epoch > 1e11 { epoch } else { epoch * 1000.0 };
        let now_millis = now.timestamp_millis() as f64;
        after((millis - now_millis) / 1000.0)
    });
    retry_after.into_iter().chain(resets).max()
}

fn wait_words(retry_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    match retry_at {
        None => "Wait a few minutes".to_string(),
        Some(at) => {
            let seconds = (at - now).num_seconds();
            let clock = format!("{:02}:{:02} UTC", at.hour(), at.minute());
            if seconds < 60 {
                format!("Wait a minute (Linear says the limit lifts at {clock})")
            } else {
                let minutes = (seconds + 59) / 60;
                let plural = if minutes == 1 { "" } else { "s" };
                format!(
                    "Wait about {minutes} minute{plural} (Linear says the limit lifts at {clock})"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn read(reply: Reply) -> Result<(Value, Vec<String>), PullError> {
        read_reply(&reply, "https://api.linear.app/graphql", now())
    }

    #[test]
    fn the_reset_header_in_milliseconds_or_seconds_gives_the_same_time() {
        let in_ten = now() + Duration::minutes(10);
        for value in [
            in_ten.timestamp_millis().to_string(),
            in_ten.timestamp().to_string(),
        ] {
            let reply = Reply::new(429, "").with_header("X-RateLimit-Requests-Reset", &value);
            assert_eq!(retry_at(&reply, now()), Some(in_ten), "{value}");
        }
    }

    #[test]
    fn retry_after_seconds_count_from_the_reply() {
        let reply = Reply::new(429, "").with_header("Retry-After", "90");
        let Err(PullError::RateLimited { retry_at, wait }) = read(reply) else {
            panic!("not rate limited");
        };
        assert_eq!(retry_at, Some(now() + Duration::seconds(90)));
        assert_eq!(
            wait,
            "Wait about 2 minutes (Linear says the limit lifts at 09:01 UTC)"
        );
    }

    #[test]
    fn retry_after_as_an_http_date_is_read() {
        let reply = Reply::new(429, "").with_header("Retry-After", "Mon, 23 Nov 2026 09:05:00 GMT");
        assert_eq!(retry_at(&reply, now()), Some(now() + Duration::minutes(5)));
        let past = Reply::new(429, "").with_header("Retry-After", "Mon, 23 Nov 2026 08:00:00 GMT");
        assert_eq!(retry_at(&past, now()), None);
    }

    #[test]
    fn absurd_or_past_reset_times_are_not_believed() {
        for value in ["-5", "NaN", "1e300", "0", "1000"] {
            let reply = Reply::new(429, "").with_header("retry-after", value);
            let limited = matches!(read(reply), Err(PullError::RateLimited { .. }));
            assert!(limited);
        }
        let reply = Reply::new(429, "").with_header("x-ratelimit-requests-reset", "1");
        assert_eq!(retry_at(&reply, now()), None);
    }

    #[test]
    fn data_beside_errors_is_used_with_the_errors_as_warnings() {
        let body = r#"{"data":{"issues":{"nodes":[]}},"errors":[{"message":"Cycle not found"}]}"#;
        let (data, warnings) = read(Reply::new(200, body)).unwrap();
        assert!(data.get("issues").is_some());
        assert_eq!(
            warnings,
            ["Linear reported a problem with part of the answer: Cycle not found"]
        );
    }

    #[test]
    fn an_error_status_without_a_body_is_still_named() {
        assert_eq!(
            read(Reply::new(404, "{}")),
            Err(PullError::Refused {
                message: "HTTP 404".into()
            })
        );
        assert!(matches!(
            read(Reply::new(200, "[]")),
            Err(PullError::NotLinear { status: 200, .. })
        ));
    }
}
