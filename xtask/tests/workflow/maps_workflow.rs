//! `.github/workflows/maps.yml`, read by PyYAML (from the test venv) as GitHub reads YAML: the
//! refresh job bumps after it regenerates and titles its pull request with the bump, whose
//! changelog opens the body; the semver job runs `cargo-semver-checks` on the refresh pull
//! request against its base and writes the verdicts to the job summary. Every `run` script
//! passes `bash -n`.

use crate::support::pyenv::python_command;
use serde_json::Value;
use std::process::Command;

const WORKFLOW: &str = ".github/workflows/maps.yml";

/// Prints the workflow as JSON. PyYAML reads the bare key `on` as YAML 1.1's `true`, which
/// GitHub does not, so it is named back.
const TO_JSON: &str = r#"
import json, sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    doc = yaml.safe_load(f)
if True in doc:
    doc["on"] = doc.pop(True)
print(json.dumps(doc))
"#;

fn workflow() -> Value {
    let out = python_command()
        .args(["-c", TO_JSON, WORKFLOW])
        .output()
        .expect("run the venv's python");
    assert!(
        out.status.success(),
        "{WORKFLOW} is not valid YAML: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn steps<'a>(doc: &'a Value, job: &str) -> &'a [Value] {
    doc["jobs"][job]["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("job {job} has no steps"))
}

/// The index of the first step whose `run` contains `text`.
fn running(steps: &[Value], text: &str) -> usize {
    steps
        .iter()
        .position(|s| s["run"].as_str().is_some_and(|r| r.contains(text)))
        .unwrap_or_else(|| panic!("no step runs {text:?}"))
}

#[test]
fn every_step_runs_or_uses_something_and_every_script_parses() {
    let doc = workflow();
    for event in ["schedule", "workflow_dispatch", "push", "pull_request"] {
        assert!(doc["on"].get(event).is_some(), "no `on: {event}`");
    }
    for (job, body) in doc["jobs"].as_object().unwrap() {
        for step in body["steps"].as_array().unwrap() {
            assert!(
                step["run"].is_string() || step["uses"].is_string(),
                "{job}: a step with neither run nor uses: {step}"
            );
            if let Some(script) = step["run"].as_str() {
                let out = Command::new("bash")
                    .args(["-n", "-c", script])
                    .output()
                    .expect("run bash");
                assert!(
                    out.status.success(),
                    "{job}: `bash -n` fails on {script}\n{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
}

#[test]
fn refresh_bumps_after_codegen_and_titles_the_pull_request() {
    let doc = workflow();
    let refresh = steps(&doc, "refresh");
    let codegen = running(refresh, "cargo xtask codegen");
    let bump = running(refresh, "cargo xtask bump --format json");
    assert!(codegen < bump, "bump runs after codegen");
    assert_eq!(refresh[bump]["id"], "bump");
    let body = running(refresh, "body-full.md");
    let script = refresh[body]["run"].as_str().unwrap();
    let (changelog, diff) = (
        script.find("changelog.md").unwrap(),
        script.find("diff-full.md").unwrap(),
    );
    assert!(
        changelog < diff,
        "the body starts with the changelog: {script}"
    );
    let pr = refresh
        .iter()
        .position(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("peter-evans/create-pull-request@"))
        })
        .expect("a step opens the pull request");
    assert!(pr > body);
    let with = &refresh[pr]["with"];
    assert_eq!(with["title"], "${{ steps.bump.outputs.title }}");
    assert_eq!(with["body-path"], "${{ runner.temp }}/body.md");
    let paths = with["add-paths"].as_str().unwrap();
    for path in [
        "maps-cache/",
        "leadhit-generated/src/generated/",
        "leadhit-generated/Cargo.toml",
        "leadhit-generated/CHANGELOG.md",
        "Cargo.lock",
    ] {
        assert!(paths.lines().any(|l| l == path), "{path} not in {paths}");
    }
}

#[test]
fn semver_job_compares_cargo_semver_checks_with_bump() {
    let doc = workflow();
    let job = &doc["jobs"]["semver"];
    let condition = job["if"].as_str().unwrap();
    assert!(
        condition.contains("pull_request") && condition.contains("maps/refresh"),
        "{condition}"
    );
    let steps = steps(&doc, "semver");
    assert!(steps
        .iter()
        .any(|s| s["with"]["tool"] == "cargo-semver-checks"));
    let compare = running(steps, "cargo semver-checks check-release -p leadhit");
    let script = steps[compare]["run"].as_str().unwrap();
    for part in [
        "--baseline-rev \"$BASE_SHA\"",
        "cargo xtask bump --base \"$BASE_SHA\" --dry-run --format json",
        "$GITHUB_STEP_SUMMARY",
        "disagree",
    ] {
        assert!(script.contains(part), "{part:?} missing from {script}");
    }
    assert_eq!(
        job["env"]["BASE_SHA"],
        "${{ github.event.pull_request.base.sha }}"
    );
    let checkout = &steps[0];
    assert_eq!(
        checkout["with"]["fetch-depth"], 0,
        "the base commit is fetched"
    );
}
