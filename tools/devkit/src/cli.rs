//! Command-line options of the tasks: `--switch`, `--name value` and `--name=value`, consumed
//! one by one; whatever is left over is an error that names it.

use crate::util::{bail, Result};

/// The options given after a command, consumed one by one; whatever is left is an error.
pub struct Flags {
    command: String,
    args: Vec<String>,
}

impl Flags {
    pub fn parse(command: &str, rest: &[String]) -> Result<Self> {
        let mut args = Vec::new();
        for arg in rest {
            // Accept `--port=8081` as well as `--port 8081`.
            match arg.split_once('=') {
                Some((name, value)) if name.starts_with("--") => {
                    args.push(name.to_string());
                    args.push(value.to_string());
                }
                _ => args.push(arg.clone()),
            }
        }
        Ok(Self {
            command: command.to_string(),
            args,
        })
    }

    pub fn switch(&mut self, name: &str) -> bool {
        let before = self.args.len();
        self.args.retain(|arg| arg != name);
        self.args.len() != before
    }

    pub fn value(&mut self, name: &str) -> Result<Option<String>> {
        let Some(index) = self.args.iter().position(|arg| arg == name) else {
            return Ok(None);
        };
        if index + 1 >= self.args.len() {
            bail!("`{name}` needs a value (see `cargo xtask help`)");
        }
        let value = self.args.remove(index + 1);
        self.args.remove(index);
        Ok(Some(value))
    }

    pub fn finish(self) -> Result<()> {
        match self.args.first() {
            None => Ok(()),
            Some(arg) => bail!(
                "`cargo xtask {}` does not take `{arg}` (see `cargo xtask help`)",
                self.command
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(args: &[&str]) -> Flags {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        Flags::parse("serve", &args).unwrap()
    }

    #[test]
    fn flags_take_switches_and_values_in_any_order() {
        let mut f = flags(&["--port", "9000", "--no-build"]);
        assert!(f.switch("--no-build"));
        assert_eq!(f.value("--port").unwrap().as_deref(), Some("9000"));
        assert!(f.finish().is_ok());
    }

    #[test]
    fn flags_accept_equals_form() {
        let mut f = flags(&["--port=0"]);
        assert_eq!(f.value("--port").unwrap().as_deref(), Some("0"));
        assert!(!f.switch("--no-build"));
        assert!(f.finish().is_ok());
    }

    #[test]
    fn flags_report_missing_values_and_leftovers() {
        assert!(flags(&["--port"]).value("--port").is_err());
        let err = flags(&["--verbose"]).finish().unwrap_err().to_string();
        assert!(err.contains("--verbose"), "{err}");
    }
}
