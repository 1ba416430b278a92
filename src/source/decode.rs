//! Turning bytes into text: UTF-8 when the bytes are valid UTF-8, UTF-16 when a byte order mark
//! or the pattern of zero bytes says so (Windows Notepad's "Unicode" saves it), otherwise the
//! encoding that chardetng judges most likely (Shift_JIS and EUC-JP for Japanese logs), or the
//! one forced.

use encoding_rs::{DecoderResult, EncoderResult, Encoding, UTF_8};

use crate::base::error::{Error, Result};
use crate::base::message::Message;

pub(super) struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub warnings: Vec<(u32, Message)>,
}

pub(super) fn decode(
    path: &str,
    mut bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded> {
    if let Some((bom_encoding, bom_len)) = Encoding::for_bom(&bytes) {
        if forced.is_none() || forced == Some(bom_encoding) {
            bytes.drain(..bom_len);
            return decode_as(path, bytes, bom_encoding, true);
        }
    }
    match forced {
        Some(encoding) => decode_as(path, bytes, encoding, true),
        None if utf16_without_bom(&bytes).is_some() => {
            let encoding = utf16_without_bom(&bytes).expect("checked");
            decode_as(path, bytes, encoding, false)
        }
        None => {
            let bytes = match String::from_utf8(bytes) {
                Ok(text) => {
                    return Ok(Decoded {
                        text,
                        encoding: UTF_8,
                        warnings: Vec::new(),
                    })
                }
                Err(e) => e.into_bytes(),
            };
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
            detector.feed(&bytes, true);
            let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
            let (chosen, ambiguous) = on_evidence(&bytes, guess);
            let mut decoded = decode_as(path, bytes, chosen, false)?;
            decoded.warnings.extend(ambiguous);
            Ok(decoded)
        }
    }
}

/// The Japanese encodings a short text may be in, which a statistical guess can miss.
const JAPANESE: &[&Encoding] = &[encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP];

/// Whether a character is of a block Japanese text is made of: kana, kanji, Japanese
/// punctuation, half-width kana and full-width forms.
fn of_a_japanese_block(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff9f}')
}

/// The share of a text's non-ASCII characters that Japanese text is made of, 0 without any:
/// characters of a Japanese block ([`of_a_japanese_block`]) that are in the Japanese
/// character set (JIS X 0208 and its vendor extensions, as Shift_JIS writes them). The
/// bytes of Japanese text read in a Chinese or Korean encoding give kanji too, but mostly
/// simplified or rare ones that Japanese text does not use (`容量超過` in EUC-JP read as GBK
/// is `推翁亩册`).
fn japanese_share(text: &str) -> f64 {
    let (mut wide, mut in_blocks) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        wide += 1;
        in_blocks += u32::from(of_a_japanese_block(c));
    }
    if wide == 0 {
        return 0.0;
    }
    let mut encoder = encoding_rs::SHIFT_JIS.new_encoder();
    let mut out = [0u8; 4096];
    let (mut rest, mut outside) = (text, 0u32);
    loop {
        let (result, read, _) = encoder.encode_from_utf8_without_replacement(rest, &mut out, true);
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => break,
            EncoderResult::OutputFull => {}
            EncoderResult::Unmappable(c) => outside += u32::from(of_a_japanese_block(c)),
        }
    }
    f64::from(in_blocks - outside) / f64::from(wide)
}

/// The encoding the bytes are in, on evidence: of the guess and the Japanese encodings, those
/// that decode every byte, the one whose text reads most like Japanese (a short Shift_JIS or
/// EUC-JP text is often guessed as another). Where two read as much like Japanese, a
/// Japanese encoding wins over the guess of another (the appliances are Japanese customers'),
/// else the guess, else Shift_JIS. When another reading also reads as Japanese, differently,
/// the text is ambiguous: a warning names the candidates and `--encoding`.
fn on_evidence(
    bytes: &[u8],
    guess: &'static Encoding,
) -> (&'static Encoding, Option<(u32, Message)>) {
    let mut readings: Vec<(&'static Encoding, String, f64)> = Vec::new();
    for encoding in std::iter::once(guess).chain(JAPANESE.iter().copied()) {
        if readings.iter().any(|(e, _, _)| *e == encoding) {
            continue;
        }
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
            let share = japanese_share(&text);
            readings.push((encoding, text.into_owned(), share));
        }
    }
    // The first of the best: the guess comes first, then Shift_JIS, then EUC-JP.
    let rank = |(encoding, _, share): &(&'static Encoding, String, f64)| {
        (*share, JAPANESE.contains(encoding))
    };
    let Some(best) = readings.iter().fold(None, |best, reading| match best {
        Some(b) if rank(b).partial_cmp(&rank(reading)) != Some(std::cmp::Ordering::Less) => Some(b),
        _ => Some(reading),
    }) else {
        return (guess, None);
    };
    let others: Vec<&str> = readings
        .iter()
        .filter(|(e, text, share)| *e != best.0 && *share >= 0.9 && *text != best.1)
        .map(|(e, _, _)| e.name())
        .collect();
    if others.is_empty() {
        return (best.0, None);
    }
    let candidates: Vec<&str> = readings
        .iter()
        .map(|(e, _, _)| e.name())
        .filter(|name| *name == best.0.name() || others.contains(name))
        .collect();
    let said = crate::message!(
        "reading-encoding-ambiguous",
        chosen = best.0.name(),
        candidates = candidates.join(", ")
    );
    (best.0, Some((1, said)))
}

/// UTF-16 by its byte order mark, or without one by its zero bytes: text of mostly ASCII in
/// UTF-16 has a zero in every other byte, on the odd side for little-endian.
pub(super) fn utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    match Encoding::for_bom(bytes) {
        Some((e, _)) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => Some(e),
        Some(_) => None,
        None => utf16_without_bom(bytes),
    }
}

fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let mostly = |n: usize| n * 10 >= pairs * 3;
    let hardly = |n: usize| n * 20 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even) && hardly(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes with one encoding. A forced encoding must fit every byte; a guessed one replaces what
/// does not fit and says where.
fn decode_as(
    path: &str,
    bytes: Vec<u8>,
    encoding: &'static Encoding,
    strict: bool,
) -> Result<Decoded> {
    let bytes = if encoding == UTF_8 {
        match String::from_utf8(bytes) {
            Ok(text) => {
                return Ok(Decoded {
                    text,
                    encoding,
                    warnings: Vec::new(),
                })
            }
            Err(e) => e.into_bytes(),
        }
    } else {
        bytes
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let mut warnings = Vec::new();
    let mut read = 0;
    loop {
        let (result, consumed) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(bytes.len() - read + 16),
            DecoderResult::Malformed(bad, _) => {
                let line = memchr::memchr_iter(b'\n', &bytes[..read]).count() as u32 + 1;
                if strict {
                    return Err(Error::file(
                        path,
                        crate::message!(
                            "source-invalid-bytes",
                            line = line,
                            count = bad,
                            encoding = encoding.name()
                        ),
                    ));
                }
                warnings.push((
                    line,
                    crate::message!(
                        "source-bytes-replaced",
                        count = bad,
                        encoding = encoding.name()
                    ),
                ));
                text.push('\u{FFFD}');
            }
        }
    }
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::message::Arg;

    #[test]
    fn detects_shift_jis_and_euc_jp() {
        let sample = "割当量超過メッセージ: メールボックスの容量を超えました。\n";
        for encoding in [encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP] {
            let bytes = encoding.encode(sample).0.into_owned();
            let decoded = decode("x", bytes, None).unwrap();
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(decoded.text, sample);
        }
    }

    #[test]
    fn short_japanese_texts_are_read_on_evidence_or_called_ambiguous() {
        for sample in ["容量超過\n", "メール\n", "送信者: 拒否\n"] {
            for encoding in JAPANESE {
                let bytes = encoding.encode(sample).0.into_owned();
                let decoded = decode("x", bytes, None).unwrap();
                if decoded.warnings.is_empty() {
                    assert_eq!(decoded.text, sample, "{}", encoding.name());
                } else {
                    assert_eq!(decoded.warnings[0].1.id, "reading-encoding-ambiguous");
                }
            }
        }
        let kana = encoding_rs::SHIFT_JIS.encode("ｱｲｳｴ\n").0.into_owned();
        let decoded = decode("x", kana, None).unwrap();
        let said = decoded.warnings.first().map(|(_, m)| m.id);
        assert!(
            decoded.text == "ｱｲｳｴ\n" || said == Some("reading-encoding-ambiguous"),
            "{} {said:?}",
            decoded.text
        );
    }

    /// A short MOS session whose only Japanese is `message`, answered as a literal.
    fn session_with(message: &str) -> String {
        format!(
            "rg01> version\r\nMOS4.1.9-GA\r\nOK Completed\r\nrg01> branding get quotamsg\r\n\
             {{10}}\r\n{message}\r\nOK Completed\r\n"
        )
    }

    #[test]
    fn short_euc_jp_is_read_as_euc_jp_not_as_chinese() {
        // Each guessed as GBK: read so, `容量超過` is `推翁亩册`.
        for word in ["容量超過", "保守"] {
            let text = session_with(word);
            let bytes = encoding_rs::EUC_JP.encode(&text).0.into_owned();
            let decoded = decode("x", bytes, None).unwrap();
            assert_eq!(decoded.encoding, encoding_rs::EUC_JP, "{word}");
            assert_eq!(decoded.text, text);
            assert!(
                decoded.warnings.is_empty(),
                "{word}: {:?}",
                decoded.warnings
            );
        }
        // `設定` reads as Japanese in GBK too (`肋年`): EUC-JP, and said to be ambiguous.
        let bytes = encoding_rs::EUC_JP
            .encode(&session_with("設定"))
            .0
            .into_owned();
        let decoded = decode("x", bytes, None).unwrap();
        assert_eq!(decoded.encoding, encoding_rs::EUC_JP);
        let said = &decoded.warnings[0].1;
        assert_eq!(said.id, "reading-encoding-ambiguous");
        assert_eq!(
            said.arg("candidates"),
            Some(&Arg::Text("GBK, EUC-JP".into()))
        );
    }

    #[test]
    fn long_euc_jp_and_chinese_in_gbk_read_as_they_are() {
        let japanese = session_with(
            "メールボックスの容量を超えました。不要なメールを削除するか、\
             情報システム部 (内線 4410) までご連絡ください。",
        );
        let bytes = encoding_rs::EUC_JP.encode(&japanese).0.into_owned();
        let decoded = decode("x", bytes, None).unwrap();
        assert_eq!(
            (decoded.encoding, decoded.text.as_str()),
            (encoding_rs::EUC_JP, japanese.as_str())
        );
        assert!(decoded.warnings.is_empty());
        // Chinese punctuation (`，` is no EUC-JP character) keeps a Chinese text out of EUC-JP.
        let chinese = session_with("您的邮箱已超过容量限制，请删除不需要的邮件或联系管理员。");
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&chinese);
        assert!(!unmappable);
        let decoded = decode("x", bytes.into_owned(), None).unwrap();
        assert_eq!(
            (decoded.encoding, decoded.text.as_str()),
            (encoding_rs::GBK, chinese.as_str())
        );
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn kanji_outside_the_japanese_character_set_count_against_japanese() {
        assert_eq!(japanese_share("容量超過"), 1.0);
        assert!(japanese_share("推翁亩册") < 0.9);
        assert_eq!(japanese_share("ｱｲｳｴ"), 1.0);
        assert_eq!(japanese_share("abc"), 0.0);
    }

    #[test]
    fn forced_encoding_must_fit_every_byte() {
        let err = decode("x.log", b"ok\n\xff\xfe\n".to_vec(), Some(UTF_8))
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "x.log: source-invalid-bytes line=2 count=1 encoding=UTF-8"
        );
    }

    #[test]
    fn utf16_with_and_without_a_bom() {
        let text = "rg01> version\r\nMOS4.2.3-GA\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, encoding) in [(le, encoding_rs::UTF_16LE), (be, encoding_rs::UTF_16BE)] {
            let decoded = decode("x", bytes.clone(), None).unwrap();
            assert_eq!((decoded.text.as_str(), decoded.encoding), (text, encoding));
            let mut bom = if encoding == encoding_rs::UTF_16LE {
                vec![0xff, 0xfe]
            } else {
                vec![0xfe, 0xff]
            };
            bom.extend(&bytes);
            assert_eq!(decode("x", bom.clone(), None).unwrap().text, text);
            assert_eq!(decode("x", bom, Some(encoding)).unwrap().text, text);
            assert_eq!(decode("x", bytes, Some(encoding)).unwrap().text, text);
        }
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let decoded = decode("x", b"\xef\xbb\xbfversion\n".to_vec(), None).unwrap();
        assert_eq!(decoded.text, "version\n");
    }
}
