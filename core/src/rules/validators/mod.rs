//! Validators: checks run on a candidate match after the automaton found it.
//!
//! A validator that rejects a match makes the engine behave as if its rule had not matched
//! there. Validators see the whole match (`m`) and the part that would be replaced (`secret`).
//! None of them allocates.

mod checksum;
mod key_value;
mod network;
mod password_hash;
mod phone;
mod tokens;

pub(crate) use checksum::luhn_digits;
pub(crate) use key_value::{bare_key, generated_token};
pub(crate) use network::is_ip_address;
pub(crate) use phone::looks_like_epoch;
pub(crate) use tokens::{email as is_email, jwt as is_jwt};

use crate::rules::vocabulary::is_placeholder;
use checksum::{card, crc32_base62, iban, ssn};
use key_value::{secret_kv, secret_kv_key, userinfo};
use network::{ipv4_host, ipv6, mac_address};
use password_hash::password_hash;
use phone::phone;
use tokens::{basic_auth, bearer, email, entropy, jwt, mixed_alnum};

/// A named check that a candidate match must pass.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Validator {
    /// Luhn checksum over the digits.
    Luhn,
    /// Payment card: Luhn, an issuer digit (2–6), a plausible length and consistent grouping.
    Card,
    /// IBAN: known country, the country's length, mod-97 == 1.
    Iban,
    /// US SSN: area not 000/666/9xx, group not 00, serial not 0000, one separator kind.
    Ssn,
    /// IPv4: four octets of at most 255, no leading zeros, not a network (`x.y.0.0`) or
    /// broadcast.
    Ipv4,
    /// IPv6: a well-formed address (at most one `::`, 1–4 hex digits a group, optional IPv4 tail).
    Ipv6,
    /// MAC address: six hex pairs with colons, not one byte repeated (`00:…`, `ff:…`).
    MacAddress,
    /// Phone number: E.164 with `+`, or a national format with separators.
    Phone,
    /// Rejects digit runs that read as epoch seconds, milliseconds, micro- or nanoseconds.
    NotEpoch,
    /// Minimum Shannon entropy of the secret, in bits per byte.
    Entropy(f64),
    /// JWT: the header segment decodes to a JSON object naming `alg`, `typ`, `enc` or `kid`.
    Jwt,
    /// HTTP basic credentials: base64 that decodes to printable `user:password`.
    BasicAuth,
    /// Bearer token: long enough and not a plain word.
    Bearer,
    /// `key=value` secrets: the key names a secret as a whole word, the value is not a
    /// placeholder or a count.
    SecretKv,
    /// E-mail: rejects `icon@2x.png`-style asset names.
    Email,
    /// Opaque API key: the random part mixes letters and digits, or is 32 or more letters of
    /// both cases (at most two other bytes, a prefix's dashes).
    MixedAlnum,
    /// URL userinfo (`user:password`): the password is not a mask or a reference (`*****`,
    /// `${PASS}`), and the pair is not a template (`username:password`).
    Userinfo,
    /// The last six characters are the base62 CRC32 of the thirty before them (GitHub, npm).
    Crc32Base62,
    /// A password hash: a known scheme, parameters in range, salt and digest of the scheme's
    /// alphabet and length.
    PasswordHash,
    /// A generated credential, not a name, path, number or UUID: letters and digits both, hex
    /// or mixed case that does not read as words, 16 bytes or more, 3 bits of entropy a byte.
    Generated,
}

impl Validator {
    /// Parses a validator name as written in a policy.
    pub(crate) fn from_name(name: &str) -> Option<Validator> {
        Some(match name {
            "luhn" => Validator::Luhn,
            "card" => Validator::Card,
            "iban" => Validator::Iban,
            "ssn" => Validator::Ssn,
            "ipv4" => Validator::Ipv4,
            "ipv6" => Validator::Ipv6,
            "mac_address" => Validator::MacAddress,
            "phone" => Validator::Phone,
            "not_epoch" => Validator::NotEpoch,
            "entropy" => Validator::Entropy(3.0),
            "jwt" => Validator::Jwt,
            "basic_auth" => Validator::BasicAuth,
            "bearer" => Validator::Bearer,
            "secret_kv" => Validator::SecretKv,
            "email" => Validator::Email,
            "mixed_alnum" => Validator::MixedAlnum,
            "userinfo" => Validator::Userinfo,
            "crc32_base62" => Validator::Crc32Base62,
            "password_hash" => Validator::PasswordHash,
            "generated" => Validator::Generated,
            _ => return None,
        })
    }

    /// The names accepted by [`Validator::from_name`].
    pub(crate) const NAMES: &'static [&'static str] = &[
        "luhn",
        "card",
        "iban",
        "ssn",
        "ipv4",
        "ipv6",
        "mac_address",
        "phone",
        "not_epoch",
        "entropy",
        "jwt",
        "basic_auth",
        "bearer",
        "secret_kv",
        "email",
        "mixed_alnum",
        "userinfo",
        "crc32_base62",
        "password_hash",
        "generated",
    ];

    /// The policy name of this validator.
    pub fn name(&self) -> &'static str {
        match self {
            Validator::Luhn => "luhn",
            Validator::Card => "card",
            Validator::Iban => "iban",
            Validator::Ssn => "ssn",
            Validator::Ipv4 => "ipv4",
            Validator::Ipv6 => "ipv6",
            Validator::MacAddress => "mac_address",
            Validator::Phone => "phone",
            Validator::NotEpoch => "not_epoch",
            Validator::Entropy(_) => "entropy",
            Validator::Jwt => "jwt",
            Validator::BasicAuth => "basic_auth",
            Validator::Bearer => "bearer",
            Validator::SecretKv => "secret_kv",
            Validator::Email => "email",
            Validator::MixedAlnum => "mixed_alnum",
            Validator::Userinfo => "userinfo",
            Validator::Crc32Base62 => "crc32_base62",
            Validator::PasswordHash => "password_hash",
            Validator::Generated => "generated",
        }
    }

    /// Whether the check reads only the whole match (and so can run before the secret group
    /// is located). `SecretKv` checks its key here and its value in [`Validator::check`].
    pub(crate) fn pre_check(&self, m: &[u8]) -> bool {
        match self {
            Validator::SecretKv => secret_kv_key(m),
            Validator::Entropy(_)
            | Validator::BasicAuth
            | Validator::Bearer
            | Validator::MixedAlnum
            | Validator::Userinfo
            | Validator::Generated => true,
            other => other.check(m, m),
        }
    }

    /// Whether the check needs the secret group (run after [`Validator::pre_check`]).
    pub(crate) fn needs_secret(&self) -> bool {
        matches!(
            self,
            Validator::SecretKv
                | Validator::Entropy(_)
                | Validator::BasicAuth
                | Validator::Bearer
                | Validator::MixedAlnum
                | Validator::Userinfo
                | Validator::Generated
        )
    }

    /// [`Validator::check`] of a match whose [`Validator::pre_check`] passed: what that read
    /// is not read again (`secret_kv`'s key).
    pub(crate) fn check_after_pre(&self, m: &[u8], secret: &[u8]) -> bool {
        match self {
            Validator::SecretKv => key_value::secret_kv_value(m, secret),
            other => other.check(m, secret),
        }
    }

    /// Runs the check. `m` is the whole match, `secret` the part to be replaced.
    pub(crate) fn check(&self, m: &[u8], secret: &[u8]) -> bool {
        match self {
            Validator::Luhn => luhn_digits(m),
            Validator::Card => card(m),
            Validator::Iban => iban(m),
            Validator::Ssn => ssn(m),
            Validator::Ipv4 => ipv4_host(m),
            Validator::Ipv6 => ipv6(m),
            Validator::MacAddress => mac_address(m),
            Validator::Phone => phone(m),
            Validator::NotEpoch => !looks_like_epoch(m),
            Validator::Entropy(min) => entropy(secret) >= *min,
            Validator::Jwt => jwt(m),
            Validator::BasicAuth => basic_auth(secret),
            Validator::Bearer => bearer(secret),
            Validator::SecretKv => secret_kv(m, secret),
            Validator::Email => email(m),
            Validator::MixedAlnum => mixed_alnum(secret),
            Validator::Userinfo => userinfo(secret),
            Validator::Crc32Base62 => crc32_base62(m),
            Validator::PasswordHash => password_hash(m),
            Validator::Generated => generated_token(secret) && !is_placeholder(secret),
        }
    }
}

fn digits(m: &[u8]) -> impl Iterator<Item = u8> + '_ {
    m.iter().filter(|b| b.is_ascii_digit()).map(|b| b - b'0')
}

#[cfg(test)]
mod tests {
    use super::network::ipv4;
    use super::*;

    #[test]
    fn crc32_base62_checks_the_last_six() {
        // Made up: 30 random characters and the base62 CRC32 of them.
        let good = b"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";
        assert!(Validator::Crc32Base62.check(good, good));
        let mut bad = *good;
        bad[10] ^= 0x20;
        assert!(!Validator::Crc32Base62.check(&bad, &bad));
        assert!(!Validator::Crc32Base62.check(b"ghp_short", b"ghp_short"));
    }

    #[test]
    fn card_lengths_follow_the_issuer() {
        // Luhn-valid, made up: an issuer's prefix with a length it does not issue is no card.
        for no in ["2879108718981398939", "5591620109440", "43874099758820"] {
            assert!(!card(no.as_bytes()), "{no}");
        }
        for yes in [
            "2200207187283341",
            "8124186067023060",
            "9792084590394315",
            "3530135171791251",
            "6221081697310851390",
            "4111111111111111",
        ] {
            assert!(card(yes.as_bytes()), "{yes}");
        }
    }

    #[test]
    fn luhn_and_cards() {
        assert!(card(b"4111111111111111"));
        assert!(card(b"4111 1111 1111 1111"));
        assert!(card(b"4111-1111-1111-1111"));
        assert!(card(b"378282246310005"));
        assert!(card(b"3782 822463 10005"));
        assert!(card(b"5555555555554444"));
        assert!(!card(b"4111111111111112"), "Luhn fails");
        assert!(!card(b"4111-1111 1111-1111"), "mixed separators");
        assert!(card(b"6011 000990 139424"), "4-6-4 grouping");
        assert!(
            !card(b"632954-2212136"),
            "a byte range, not a 4-digit first group"
        );
        assert!(!card(b"601 1000 9901 3942 4"), "a 3-digit first group");
        assert!(
            !card(b"1700000000000"),
            "epoch millis: no issuer starts with 1"
        );
        assert!(!card(b"0000000000000000"));
    }

    #[test]
    fn iban_mod97() {
        assert!(iban(b"GB82WEST12345698765432"));
        assert!(iban(b"DE89 3704 0044 0532 0130 00"));
        assert!(!iban(b"GB82WEST12345698765433"));
        assert!(!iban(b"ZZ82WEST12345698765432"));
    }

    #[test]
    fn ssn_ranges() {
        assert!(ssn(b"123-45-6789"));
        assert!(!ssn(b"000-45-6789"));
        assert!(!ssn(b"666-45-6789"));
        assert!(!ssn(b"912-45-6789"));
        assert!(!ssn(b"123-00-6789"));
        assert!(!ssn(b"123-45-0000"));
        assert!(!ssn(b"123-45 6789"));
    }

    #[test]
    fn ips() {
        assert!(ipv4(b"192.168.1.10"));
        assert!(!ipv4(b"256.1.1.1"));
        assert!(!ipv4(b"1.2.3"));
        assert!(!ipv4(b"01.2.3.4"));
        assert!(ipv6(b"2001:db8::1"));
        assert!(ipv6(b"2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
        assert!(ipv6(b"::ffff:192.0.2.1"));
        assert!(ipv6(b"fe80::1"));
        assert!(!ipv6(b"10:30:00"));
        assert!(!ipv6(b"00:1a:2b:3c:4d:5e"));
        assert!(!ipv6(b"::"));
        assert!(!ipv6(b"1::2::3"));
        assert!(!ipv6(b"Add::add") && !ipv6(b"c::d"), "scoped names");
        assert!(ipv6(b"dead:beef:cafe:babe:dead:beef:cafe:babe"));
        assert!(
            !ipv6(b"::1") && !ipv6(b"0:0:0:0:0:0:0:1") && !ipv6(b"::0001"),
            "loopback"
        );
        assert!(ipv6(b"::1:0") && ipv6(b"1::1") && ipv6(b"::11"));
        assert!(ipv4_host(b"10.0.0.5") && !ipv4_host(b"127.0.0.1") && !ipv4_host(b"127.3.2.1"));
        for address in [
            "10.0.0.5",
            "10.0.0.5:5432",
            "2001:db8::1",
            "[2001:db8::1]:443",
            " 10.0.0.5 ",
        ] {
            assert!(is_ip_address(address.as_bytes()), "{address}");
        }
        for other in [
            "db.internal",
            "10.0.0.5:",
            "10.0.0.5:123456",
            "[2001:db8::1",
            "a@10.0.0.5",
            "10.0.0.5 x",
        ] {
            assert!(!is_ip_address(other.as_bytes()), "{other}");
        }
    }

    #[test]
    fn phones() {
        assert!(phone(b"+14155552671"));
        assert!(phone(b"(+49 30 877951)") && phone(b"(+49 30 877951"));
        assert!(!phone(b"(415 555-0132"), "an unclosed national area code");
        assert!(phone(b"+1 415 555 2671"));
        assert!(phone(b"+44 20 7946 0958"));
        assert!(phone(b"(415) 555-2671"));
        assert!(phone(b"415-555-2671"));
        assert!(phone(b"020 7946 0958"));
        assert!(phone(b"0044 20 7946 0958") && phone(b"0049 30 877951"));
        assert!(!phone(b"0044 2079"), "too short after the prefix");
        assert!(!phone(b"0004 2079 4609 58"), "no country code after 00");
        assert!(!phone(b"0012 3456 7891"), "card-like groups of four");
        assert!(!phone(b"0031 1700938021306"), "an epoch after the prefix");
        assert!(
            !phone(b"00200182 6617 3739"),
            "no country code is five digits"
        );
        assert!(!phone(b"4155552671"), "bare digits");
        assert!(!phone(b"2024-01-15"));
        assert!(!phone(b"192.168.100.200"));
        assert!(!phone(b"1 234 567 890"));
    }

    #[test]
    fn epoch_guard() {
        assert!(looks_like_epoch(b"1700000000000"));
        assert!(looks_like_epoch(b"1700000000"));
        assert!(!looks_like_epoch(b"4111111111111111"));
    }

    #[test]
    fn jwt_and_basic() {
        assert!(jwt(
            b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.sig"
        ));
        assert!(!jwt(b"eyJub3RoaW5nIjoxfQ.eyJzdWIiOiIxMjM0In0.sig"));
        assert!(basic_auth(b"dXNlcjpwYXNzd29yZA=="));
        assert!(!basic_auth(b"authentication"));
        assert!(!bearer(b"authentication"));
        assert!(bearer(b"abc123def456"));
        // What an earlier pass left of a value it masked a part of is judged by that pass.
        assert!(!bearer(b"ipasswd:([REDACTED:secret_kv"));
    }
}
