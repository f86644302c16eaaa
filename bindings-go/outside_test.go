package scrubjay_test

import (
	"archive/zip"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const modulePath = "github.com/scrubjay/scrubjay/bindings-go"

// A user's program, in a module of its own: it only knows the module path.
const outsideProgram = `package main

import (
	"fmt"

	scrubjay "github.com/scrubjay/scrubjay/bindings-go"
)

func main() {
	engine := scrubjay.Default()
	defer engine.Close()
	fmt.Println(engine.Redact("card 4111 1111 1111 1111 for john.doe@company.com"))
}
`

// TestBuildsOutsideTheRepository gets this module the way a user does (go get, here from a
// file proxy holding this directory as a module zip, so its sources land in a module cache and
// nothing can reach the repository's target/), then builds and runs a program against the C
// library installed at SCRUBJAY_TEST_PREFIX by `make install` (make go-test sets it). The
// program runs without the shared library on the loader's path: scrubjay.pc links the archive.
func TestBuildsOutsideTheRepository(t *testing.T) {
	prefix := os.Getenv("SCRUBJAY_TEST_PREFIX")
	if prefix == "" {
		t.Skip("set SCRUBJAY_TEST_PREFIX to a `make install` prefix (make go-test does)")
	}
	work := t.TempDir()
	const version = "v0.1.0"
	proxy := filepath.Join(work, "proxy")
	writeModuleProxy(t, proxy, version)
	app := filepath.Join(work, "app")
	writeFile(t, filepath.Join(app, "go.mod"), "module example.com/app\n\ngo 1.22\n")
	writeFile(t, filepath.Join(app, "main.go"), outsideProgram)

	sharedCache := strings.TrimSpace(goOutput(t, "", os.Environ(), "env", "GOMODCACHE"))
	env := append(os.Environ(),
		"PKG_CONFIG_PATH="+filepath.Join(prefix, "lib", "pkgconfig"),
		// This module from the file proxy; its requirements from the module cache the
		// repository's own build filled (a proxy layout too): no network.
		"GOPROXY=file://"+proxy+",file://"+filepath.Join(sharedCache, "cache", "download")+",off",
		"GOMODCACHE="+filepath.Join(work, "modcache"),
		"GOSUMDB=off",
		"GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -modcacherw -buildvcs=false"),
		"LD_LIBRARY_PATH=",
	)
	goOutput(t, app, env, "get", modulePath+"@"+version)
	goOutput(t, app, env, "build", "-o", "app", ".")
	out, err := exec.Command(filepath.Join(app, "app")).CombinedOutput()
	if err != nil {
		t.Fatalf("the program failed: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "card [REDACTED:credit_card] for [REDACTED:email]" {
		t.Fatalf("the program printed %q", got)
	}
}

// writeModuleProxy lays out a GOPROXY directory serving this directory as modulePath@version.
func writeModuleProxy(t *testing.T, dir, version string) {
	t.Helper()
	base := filepath.Join(dir, filepath.FromSlash(modulePath), "@v")
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(base, "list"), version+"\n")
	writeFile(t, filepath.Join(base, version+".info"), fmt.Sprintf(`{"Version":%q,"Time":"2026-01-01T00:00:00Z"}`, version))
	writeFile(t, filepath.Join(base, version+".mod"), string(mod))
	f, err := os.Create(filepath.Join(base, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && path != "." {
			// A nested module (otel/) is a module of its own, not part of this one's zip.
			if _, statErr := os.Stat(filepath.Join(path, "go.mod")); statErr == nil {
				return filepath.SkipDir
			}
		}
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".test") {
			return err
		}
		w, err := zw.Create(modulePath + "@" + version + "/" + filepath.ToSlash(path))
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func goOutput(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
