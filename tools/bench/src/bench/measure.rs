//! Running a command while measuring it: wall time and peak resident memory.
//!
//! The peak comes from `wait4`'s resource usage: on Linux its `ru_maxrss` is the largest
//! resident set of the child *or of any descendant it waited for*, so for `cargo build` it is
//! the biggest of cargo, rustc and the build script (the same figure as GNU time's "Maximum
//! resident set size").

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{self, Context, Error, Result};

/// What a measured command did.
#[derive(Clone, Debug)]
pub struct Measured {
    pub wall: Duration,
    /// Peak resident set size in bytes (the largest process of the tree), if known.
    pub peak_rss: Option<u64>,
    pub success: bool,
    /// `exit status 1`, `killed by signal 9`, ...
    pub status: String,
}

/// Prints the command, runs it with its standard output handed line by line to `on_line`
/// (standard error inherited), and measures it. Fails only if it cannot be started.
pub fn run(cmd: &mut Command, mut on_line: impl FnMut(&str)) -> Result<Measured> {
    println!("$ {}", util::display_command(cmd));
    let start = Instant::now();
    let mut child = cmd.stdout(Stdio::piped()).spawn().map_err(|err| {
        Error::new(format!(
            "could not start `{}`: {err}",
            util::display_command(cmd)
        ))
    })?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.context(|| "reading the output of a command".to_string())?;
            on_line(&line);
        }
    }
    let (status, peak_rss) = wait_with_rusage(&mut child)?;
    Ok(Measured {
        wall: start.elapsed(),
        peak_rss,
        success: status.0,
        status: status.1,
    })
}

#[cfg(target_os = "linux")]
fn wait_with_rusage(child: &mut std::process::Child) -> Result<((bool, String), Option<u64>)> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped (std only reaps in `wait`, which is not
    // called); `status` and `usage` are valid for writes.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if reaped != pid {
        return Err(Error::new(format!(
            "waiting for process {pid}: {}",
            std::io::Error::last_os_error()
        )));
    }
    let described = if libc::WIFEXITED(status) {
        let code = libc::WEXITSTATUS(status);
        (code == 0, format!("exit status {code}"))
    } else if libc::WIFSIGNALED(status) {
        let signal = libc::WTERMSIG(status);
        let hint = if signal == libc::SIGKILL {
            " (SIGKILL: the kernel's out-of-memory killer?)"
        } else {
            ""
        };
        (false, format!("killed by signal {signal}{hint}"))
    } else {
        (false, format!("wait status {status}"))
    };
    // ru_maxrss is in kilobytes on Linux.
    let peak = u64::try_from(usage.ru_maxrss).ok().map(|kb| kb * 1024);
    Ok((described, peak))
}

#[cfg(not(target_os = "linux"))]
fn wait_with_rusage(child: &mut std::process::Child) -> Result<((bool, String), Option<u64>)> {
    let status = child
        .wait()
        .context(|| "waiting for a command".to_string())?;
    Ok(((status.success(), status.to_string()), None))
}

/// This process's peak resident set size so far (`VmHWM`), in bytes; Linux only.
/// The largest peak memory of the child processes waited for so far (and of theirs).
#[cfg(target_os = "linux")]
pub fn children_peak_rss() -> Option<u64> {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct it is given.
    let ok = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0;
    ok.then(|| u64::try_from(usage.ru_maxrss).ok().map(|kb| kb * 1024))
        .flatten()
}

#[cfg(not(target_os = "linux"))]
pub fn children_peak_rss() -> Option<u64> {
    None
}

pub fn own_peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measured_command_reports_time_memory_and_status() {
        let mut lines = Vec::new();
        let m = run(Command::new("sh").args(["-c", "echo hallo; exit 3"]), |l| {
            lines.push(l.to_string())
        })
        .unwrap();
        assert_eq!(lines, ["hallo"]);
        assert!(!m.success);
        assert_eq!(m.status, "exit status 3");
        if cfg!(target_os = "linux") {
            assert!(m.peak_rss.is_some_and(|b| b > 0));
        }
    }
}
