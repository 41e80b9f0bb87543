//! Prints the syntax tree of each line of standard input (a debugging aid).
use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        match otpsh::syntax::parse(&line) {
            Ok(block) => println!("{}", otpsh::syntax::sexp::block(&block)),
            Err(e) => println!("error: {e}"),
        }
    }
}
