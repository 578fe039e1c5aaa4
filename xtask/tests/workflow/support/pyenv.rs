//! The Python side of the integration tests: a venv with the pinned `json-rpc`
//! and Django, and the JSON-RPC test server (`xtask/testserver/server.py`) run
//! as a child process.
//!
//! [`python`] builds the venv at `<target>/pyenv` on first use (`<target>` is
//! `$CARGO_TARGET_DIR` when set, else `<workspace>/target`) and installs
//! `xtask/testserver/requirements.txt` into it. A stamp file inside the venv
//! holds the requirements it was built from; when the file changes, the venv is
//! rebuilt from scratch. The test threads share one build through a
//! `OnceLock`; separate processes (two test runs at once) serialise on a lock
//! file created with `File::create_new`, and a lock left behind by a dead
//! process is taken over.
//!
//! A machine without `python3` (with its `venv` module and pip) fails loudly
//! with what to install: these tests never skip silently.

use super::{target_dir, workspace_root};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

/// The API key the test server expects unless told otherwise.
pub const API_KEY: &str = "test-key";

/// The requirements file, relative to the workspace root.
pub const REQUIREMENTS: &str = "xtask/testserver/requirements.txt";

/// The test server script, relative to the workspace root.
pub const SERVER_SCRIPT: &str = "xtask/testserver/server.py";

/// How long [`Server::start`] waits for the `LISTENING` line.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a process waits for another one's venv build before giving up.
const LOCK_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// A lock file older than this is taken to be left behind by a dead build.
const STALE_LOCK_AGE: Duration = Duration::from_secs(10 * 60);

const STAMP_FILE: &str = "requirements.stamp";

const INSTALL_HINT: &str = "install Python 3 with its `venv` module and pip \
     (Debian/Ubuntu: `apt-get install python3 python3-venv python3-pip`), \
     then run the tests again";

/// The venv's directory, `<target>/pyenv`.
pub fn venv_dir() -> PathBuf {
    target_dir().join("pyenv")
}

/// The venv's interpreter, with the pinned requirements installed; builds the
/// venv first if it is missing or stale.
pub fn python() -> PathBuf {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(ensure_venv).clone()
}

/// A `Command` running the venv's Python from the workspace root, without
/// writing `__pycache__` folders into the source tree.
pub fn python_command() -> Command {
    let mut command = Command::new(python());
    command
        .current_dir(workspace_root())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONUTF8", "1");
    command
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

fn is_fresh(venv: &Path, requirements: &str) -> bool {
    venv_python(venv).exists()
        && fs::read_to_string(venv.join(STAMP_FILE)).is_ok_and(|stamp| stamp == requirements)
}

fn ensure_venv() -> PathBuf {
    let requirements_path = workspace_root().join(REQUIREMENTS);
    let requirements = fs::read_to_string(&requirements_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", requirements_path.display()));
    let venv = venv_dir();
    if is_fresh(&venv, &requirements) {
        return venv_python(&venv);
    }

    let _lock = LockFile::acquire(&target_dir().join("pyenv.lock"));
    // Another process may have finished the build while this one waited.
    if !is_fresh(&venv, &requirements) {
        build_venv(&venv, &requirements_path, &requirements);
    }
    venv_python(&venv)
}

fn build_venv(venv: &Path, requirements_path: &Path, requirements: &str) {
    let _heavy = super::heavy();
    let started = Instant::now();
    eprintln!("pyenv: building {} from {REQUIREMENTS}", venv.display());
    if venv.exists() {
        fs::remove_dir_all(venv)
            .unwrap_or_else(|e| panic!("cannot remove the stale venv {}: {e}", venv.display()));
    }
    fs::create_dir_all(venv.parent().expect("the venv has a parent"))
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", target_dir().display()));

    let system_python = if cfg!(windows) { "python" } else { "python3" };
    let created = Command::new(system_python)
        .arg("-m")
        .arg("venv")
        .arg(venv)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{system_python}` ({e}): the integration tests need it; {INSTALL_HINT}"
            )
        });
    check(
        created,
        &format!("{system_python} -m venv {}", venv.display()),
    );

    let installed = Command::new(venv_python(venv))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
        ])
        .arg("-r")
        .arg(requirements_path)
        .env("PIP_NO_INPUT", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run the venv's python: {e}; {INSTALL_HINT}"));
    check(installed, &format!("pip install -r {REQUIREMENTS}"));

    // The stamp goes in last, so an interrupted build is rebuilt next time.
    let stamp = venv.join(STAMP_FILE);
    let partial = venv.join(format!("{STAMP_FILE}.partial"));
    fs::write(&partial, requirements)
        .and_then(|()| fs::rename(&partial, &stamp))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", stamp.display()));
    eprintln!("pyenv: ready in {:.1} s", started.elapsed().as_secs_f64());
}

fn check(output: Output, what: &str) {
    if !output.status.success() {
        panic!(
            "`{what}` failed ({}); {INSTALL_HINT}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
    }
}

/// A cross-process lock: the file exists while its holder builds the venv,
/// and holds the holder's process id. Dropping it (also while unwinding from
/// a panic) removes the file.
/// A lock between test processes, held until dropped (shared with `npm.rs`).
pub struct LockFile {
    path: PathBuf,
}

impl LockFile {
    pub fn acquire(path: &Path) -> LockFile {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        let deadline = Instant::now() + LOCK_TIMEOUT;
        loop {
            match File::create_new(path) {
                Ok(mut file) => {
                    // The id is only a hint for humans and for stale-lock detection.
                    let _ = write!(file, "{}", std::process::id());
                    return LockFile {
                        path: path.to_path_buf(),
                    };
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    if lock_is_stale(path) {
                        let _ = fs::remove_file(path);
                        continue;
                    }
                    if Instant::now() > deadline {
                        panic!(
                            "waited {} s for {} held by another test process; \
                             remove it if no test is running",
                            LOCK_TIMEOUT.as_secs(),
                            path.display()
                        );
                    }
                    thread::sleep(Duration::from_millis(200));
                }
                Err(e) => panic!("cannot create the lock file {}: {e}", path.display()),
            }
        }
    }
}

impl Drop for LockFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// A lock is stale when its holder is gone (where `/proc` tells) or when it is
/// older than any build takes.
fn lock_is_stale(path: &Path) -> bool {
    let holder_gone = fs::read_to_string(path)
        .ok()
        .and_then(|pid| pid.trim().parse::<u32>().ok())
        .is_some_and(|pid| {
            Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
        });
    let too_old = fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
        .and_then(|modified| SystemTime::now().duration_since(modified).ok())
        .is_some_and(|age| age > STALE_LOCK_AGE);
    holder_gone || too_old
}

/// The JSON-RPC test server, running until dropped.
pub struct Server {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub base_url: String,
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `server.py --api <api>` (`v1`, `v2` or `leadhit`) on a free port
    /// with the default [`API_KEY`].
    pub fn start(api: &str) -> Server {
        Server::start_with_key(api, API_KEY)
    }

    /// Starts the server expecting `api_key` in the `API-KEY` header of POSTs.
    pub fn start_with_key(api: &str, api_key: &str) -> Server {
        let mut child = python_command()
            .arg(SERVER_SCRIPT)
            .args(["--port", "0", "--api", api, "--api-key", api_key])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {SERVER_SCRIPT}: {e}"));

        // Both pipes are drained for the server's whole life: a full pipe would
        // block the server (it logs every failed call's traceback to stderr).
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = child.stderr.take().expect("stderr is piped");
        let err_buf = Arc::clone(&stderr);
        thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = err_pipe.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                err_buf
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        });
        let (tx, rx) = mpsc::channel();
        let out_pipe = child.stdout.take().expect("stdout is piped");
        thread::spawn(move || {
            let mut lines = BufReader::new(out_pipe).lines();
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                if let Some(port) = line.strip_prefix("LISTENING ") {
                    let _ = tx.send(port.trim().parse::<u16>().ok());
                    break;
                }
            }
            // Anything printed later is not ours to read, but must not fill the pipe.
            for _ in lines {}
        });

        let port = match rx.recv_timeout(START_TIMEOUT) {
            Ok(Some(port)) => port,
            outcome => {
                let _ = child.kill();
                let status = child.wait();
                // Give the reader thread a moment to collect the last of stderr.
                thread::sleep(Duration::from_millis(200));
                let why = match outcome {
                    Ok(_) => "printed a malformed LISTENING line".to_string(),
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        format!(
                            "printed no LISTENING line within {} s",
                            START_TIMEOUT.as_secs()
                        )
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        format!("exited ({status:?}) before listening")
                    }
                };
                panic!(
                    "the test server (`{SERVER_SCRIPT} --api {api}`) {why}; its stderr:\n{}",
                    stderr.lock().unwrap_or_else(|p| p.into_inner())
                );
            }
        };
        Server {
            port,
            base_url: format!("http://127.0.0.1:{port}"),
            child,
            stderr,
        }
    }

    /// What the server wrote to stderr so far (tracebacks of failed calls).
    pub fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
