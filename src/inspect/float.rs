//! Floats as Erlang's `io_lib_format:fwrite_g/1` writes them (what `inspect/1` uses): the
//! shortest digits that read back to the same float, placed in fixed or exponent
//! notation by whichever is shorter (`1.0e20`, `100000.0`, `1.5e-7`, `0.0001`).

/// Writes `f` as Elixir's `inspect` does. Rust's `{:e}` already yields the shortest
/// round-trip digits, the same digits Erlang's free-format algorithm generates.
pub fn format_float(f: f64) -> String {
    // The BEAM has no NaN or infinities; should one reach us, print it rather than panic.
    if !f.is_finite() {
        return f.to_string();
    }
    // Elixir 1.14 writes whole floats below 1.0e16 in full (`100000.0`, not `1.0e5`).
    if (1.0..1.0e16).contains(&f.abs()) && f.trunc() == f {
        return format!("{}.0", f as i64);
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exp: i64 = exp.parse().unwrap_or(0);
    let body = insert_decimal(exp + 1, &digits);
    if f < 0.0 {
        format!("-{body}")
    } else {
        body
    }
}

/// `insert_decimal/2`: `place` is where the decimal point goes in `digits`.
fn insert_decimal(place: i64, digits: &str) -> String {
    let len = digits.len() as i64;
    if place == 0 {
        return format!("0.{digits}");
    }
    if place > 0 && place < len {
        let (int, frac) = digits.split_at(place as usize);
        return format!("{int}.{frac}");
    }
    let exp = (place - 1).to_string();
    let exp_dot = if len == 1 { 2 } else { 1 };
    let exp_cost = exp.len() as i64 + 1 + exp_dot;
    if place < 0 {
        if 2 - place <= exp_cost {
            format!("0.{}{digits}", "0".repeat((-place) as usize))
        } else {
            insert_exp(&exp, digits)
        }
    } else if place - len + 2 <= exp_cost {
        format!("{digits}{}.0", "0".repeat((place - len) as usize))
    } else {
        insert_exp(&exp, digits)
    }
}

fn insert_exp(exp: &str, digits: &str) -> String {
    let (first, rest) = digits.split_at(1);
    if rest.is_empty() {
        format!("{first}.0e{exp}")
    } else {
        format!("{first}.{rest}e{exp}")
    }
}

#[cfg(test)]
mod tests {
    use super::format_float;

    #[test]
    fn floats_print_as_erlang_shortest_form() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1.0e20, "1.0e20"),
            (1.5e-7, "1.5e-7"),
            (100000.0, "100000.0"),
            (1234567.0, "1234567.0"),
            (0.0001, "0.0001"),
            (1.0e-5, "1.0e-5"),
            (-2.5, "-2.5"),
            (-0.0, "-0.0"),
            (123456789012345678901234.0, "1.2345678901234569e23"),
            (1.0e16, "1.0e16"),
        ];
        for (f, s) in cases {
            assert_eq!(format_float(f), s, "{f:?}");
        }
    }
}
