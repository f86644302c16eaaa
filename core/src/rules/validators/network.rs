//! IP addresses: IPv4 octets, IPv6 groups, and the host form of either (with a port).

pub(super) fn ipv4(m: &[u8]) -> bool {
    let mut octets = [0u32; 4];
    let mut n = 0;
    for part in m.split(|&b| b == b'.') {
        if n == 4 || part.is_empty() || part.len() > 3 || (part.len() > 1 && part[0] == b'0') {
            return false;
        }
        let v = part.iter().fold(0u32, |a, b| a * 10 + (b - b'0') as u32);
        if v > 255 {
            return false;
        }
        octets[n] = v;
        n += 1;
    }
    // x.y.0.0 and x.0.0.0 are networks (and, far more often, versions: `4.0.0.0`), not hosts.
    n == 4 && octets != [255, 255, 255, 255] && !(octets[2] == 0 && octets[3] == 0)
}

/// Whether a whole value is an IP address, with a port or not (`10.0.0.5`, `10.0.0.5:5432`,
/// `2001:db8::1`, `[2001:db8::1]:443`).
pub(crate) fn is_ip_address(v: &[u8]) -> bool {
    let v = v.trim_ascii();
    let host = match v.strip_prefix(b"[") {
        Some(rest) => match rest.iter().position(|&b| b == b']') {
            Some(close) if is_port_suffix(&rest[close + 1..]) => &rest[..close],
            _ => return false,
        },
        None if v.iter().filter(|&&b| b == b':').count() == 1 => {
            let colon = v.iter().position(|&b| b == b':').unwrap_or(v.len());
            if !is_port_suffix(&v[colon..]) {
                return false;
            }
            &v[..colon]
        }
        None => v,
    };
    // The validators read what the rules matched: digits and dots, hex digits and colons.
    // Loopback and unspecified addresses, which they refuse, are kept by the content rules.
    let all = |set: &str| {
        host.iter()
            .all(|&b| b.is_ascii_hexdigit() || set.contains(b as char))
    };
    (!host.is_empty() && host.iter().all(|&b| b.is_ascii_digit() || b == b'.') && ipv4(host))
        || (all(":.") && host.contains(&b':') && ipv6(host))
}

/// Nothing, or `:` and a port number.
fn is_port_suffix(s: &[u8]) -> bool {
    s.is_empty()
        || s.strip_prefix(b":")
            .is_some_and(|p| (1..=5).contains(&p.len()) && p.iter().all(u8::is_ascii_digit))
}

/// An IPv4 address that can stand for a person's machine: not a loopback address (127/8),
/// which is always the machine's own.
pub(crate) fn ipv4_host(m: &[u8]) -> bool {
    ipv4(m) && !m.starts_with(b"127.")
}

pub(crate) fn ipv6(m: &[u8]) -> bool {
    // Split off an IPv4 tail.
    let (head, v4) = match m.iter().position(|&b| b == b'.') {
        Some(dot) => {
            let colon = match m[..dot].iter().rposition(|&b| b == b':') {
                Some(c) => c,
                None => return false,
            };
            if !ipv4(&m[colon + 1..]) {
                return false;
            }
            (&m[..colon + 1], true)
        }
        None => (m, false),
    };
    let double = memchr::memmem::find_iter(head, b"::").count();
    if double > 1
        || (double == 0 && (head.first() == Some(&b':') || head.last() == Some(&b':') && !v4))
    {
        return false;
    }
    let mut groups = 0;
    // The loopback address (`::1`, `0:0:0:0:0:0:0:1`) is this machine's, never a person's:
    // every group zero but the last, which is 1.
    let (mut zeros, mut last) = (true, &b""[..]);
    for part in head.split(|&b| b == b':') {
        if part.is_empty() {
            continue;
        }
        if part.len() > 4 || !part.iter().all(u8::is_ascii_hexdigit) {
            return false;
        }
        zeros &= last.iter().all(|&b| b == b'0');
        last = part;
        groups += 1;
    }
    let last_is_one = last.last() == Some(&b'1') && last.iter().rev().skip(1).all(|&b| b == b'0');
    if !v4 && zeros && last_is_one && head.last() != Some(&b':') {
        return false;
    }
    let groups = groups + if v4 { 2 } else { 0 };
    if double == 1 {
        // A compressed address with no decimal digit is a scoped name (`Add::add`,
        // `c::d`); real ones carry one (`fe80::1`, `2001:db8::`, `::1`).
        (1..8).contains(&groups) && head != b"::" && m.iter().any(u8::is_ascii_digit)
    } else {
        groups == 8
    }
}

/// A MAC address as the rule matched it (six hex pairs and colons) that is a device's: not one
/// byte repeated (`00:00:00:00:00:00` stands for none, `ff:ff:ff:ff:ff:ff` for every device).
pub(super) fn mac_address(m: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = m.split(|&b| b == b':').collect();
    pairs.len() == 6
        && pairs
            .iter()
            .all(|p| p.len() == 2 && p.iter().all(u8::is_ascii_hexdigit))
        && pairs.iter().any(|p| !p.eq_ignore_ascii_case(pairs[0]))
}
