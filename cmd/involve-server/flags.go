package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"

	"github.com/hin-south-london/involve/app/server"
)

var errUsage = errors.New("usage")

// flagSet makes a command's flags, with the ones every command shares.
type flagSet struct {
	*flag.FlagSet
	dataDir string
	db      string
	keyFile string
}

func newFlags(name string) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError)}
	fs.SetOutput(io.Discard)
	fs.StringVar(&fs.dataDir, "data-dir", "", "directory of the SQLite database and enrolment QR codes")
	fs.StringVar(&fs.db, "db", "", "PostgreSQL URL (postgres://…) instead of the SQLite file")
	fs.StringVar(&fs.keyFile, "key-file", "", "the master key file, which wraps every team's key (default: DATA-DIR.key, beside the data folder)")
	return fs
}

// envName is the environment variable of a flag: INVOLVE_SERVER_DATA_DIR for data-dir.
func envName(flagName string) string {
	return "INVOLVE_SERVER_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parse reads INVOLVE_SERVER_* variables first, then the command line (which wins).
// Flags may come before or after the positional arguments.
func (fs *flagSet) parse(args []string) ([]string, error) {
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if v, ok := os.LookupEnv(envName(f.Name)); ok && err == nil {
			if e := f.Value.Set(v); e != nil {
				err = fmt.Errorf("%s=%q: %v", envName(f.Name), v, e)
			} else if l, ok := f.Value.(interface{ fromEnv() }); ok {
				l.fromEnv()
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(os.Stderr)
				fs.PrintDefaults()
				return nil, errUsage
			}
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// proxyFlag is --trusted-proxy: address ranges, comma-separated, the flag given once or
// more. The command line replaces the environment's list rather than adding to it.
type proxyFlag struct {
	prefixes []netip.Prefix
	env      bool // the list came from the environment
}

func (p *proxyFlag) String() string {
	var s []string
	for _, x := range p.prefixes {
		s = append(s, x.String())
	}
	return strings.Join(s, ",")
}

func (p *proxyFlag) Set(v string) error {
	add, err := server.ParseTrustedProxies(v)
	if err != nil {
		return err
	}
	if p.env {
		p.prefixes, p.env = nil, false
	}
	p.prefixes = append(p.prefixes, add...)
	return nil
}

func (p *proxyFlag) fromEnv() { p.env = true }
