//! The texts of the frozen vectors that are made by code rather than kept as files. Frozen
//! with the streams beside them: changing a text here breaks its vector.

/// Prose that is not JSON: quotes, brackets and backslashes that never balance, and
/// letters beyond ASCII, so the model's JSON tracking and word contexts meet odd input.
pub const PROSE: &str = "Status, week 48: the vendor's sandbox \"went down\" again (third time) \
and [Legal] still hasn't signed; C:\\builds\\release\\ is full. Zürich's café team — \
déploiement prévu lundi — says {maybe}. ]]] \"unclosed, \\\" and on: 12.5% slip, 3 days; \
risk R-7 → escalated. The quick brown fox jumps over the lazy dog 1,234,567 times.";

/// Bytes that are no text at all: a fixed pseudo-random sequence, then runs of 0x00 and 0xFF.
pub fn noise() -> Vec<u8> {
    let mut seed: u32 = 0x1234_5678;
    let mut bytes: Vec<u8> = (0..3_000)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as u8
        })
        .collect();
    bytes.extend([0x00; 700]);
    bytes.extend([0xFF; 300]);
    bytes
}

/// A program-like compact text of about 370 KB: 4,000 records with ids, words drawn by a
/// fixed generator (some beyond ASCII), numbers and links, then lists nested 100 deep. Long
/// enough for the largest context tables, lists longer than 255 entries and a three-byte
/// length.
pub fn large() -> Vec<u8> {
    const WORDS: [&str; 24] = [
        "vendor",
        "API",
        "launch",
        "review",
        "migration",
        "Legal",
        "sign-off",
        "capacity",
        "on-call",
        "Zürich",
        "café",
        "rollout",
        "beta",
        "schema",
        "freeze",
        "déploiement",
        "audit",
        "pipeline",
        "hardware",
        "SRE",
        "QA",
        "mobile",
        "backend",
        "risk",
    ];
    let mut seed: u32 = 0x2545_F491;
    let mut next = |n: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) % n
    };
    let mut text =
        String::from("[1,\"throughline/2\",\"Large generated program\",20703,400,null,null,[");
    for i in 0..4_000 {
        if i > 0 {
            text.push(',');
        }
        let count = 3 + next(6);
        let title: Vec<&str> = (0..count).map(|_| WORDS[next(24) as usize]).collect();
        let team = next(9);
        let owner = next(40);
        let days = next(30);
        let high = next(50);
        let after = i - i.min(1 + next(5));
        let kind = next(4);
        let lag = next(7);
        text.push_str(&format!(
            "[\"GEN-{i}\",\"{}\",\"T{team}\",\"owner {owner}\",{days},null,{high},[[\"GEN-{after}\",{kind},{lag}]]]",
            title.join(" ")
        ));
    }
    text.push_str("],");
    text.push_str(&"[".repeat(100));
    text.push_str(&"]".repeat(100));
    text.push(']');
    text.into_bytes()
}
