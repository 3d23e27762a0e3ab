# rpod: build, install and uninstall without a package manager.
#
#   make                                   build target/release/rpod
#   sudo make install                      into /usr/local
#   make install PREFIX=$HOME/.local       for one user, without root
#   make install PREFIX=/usr DESTDIR=/tmp/root   staged, for a distribution package
#   sudo make install-docker               /usr/local/bin/docker runs rpod (as rpod-docker)
#   make uninstall / uninstall-docker      with the same variables
#   make deb                               target/debian/rpod_*.deb and rpod-docker_*.deb (cargo-deb)
#
# `make install PREFIX=/usr` installs the files of the rpod .deb (man pages
# are not compressed); contrib/packaging-check.sh compares the two.
# `install` does not build as root: run `make` first as yourself.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
DOCDIR ?= $(DATADIR)/doc/rpod
EXAMPLESDIR ?= $(DATADIR)/rpod
SYSTEMDDIR ?= $(PREFIX)/lib/systemd
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
# Debian's and Ubuntu's zsh reads packages' completions from vendor-completions
# (as the .deb installs them); zsh's own default, and /usr/local, is site-functions.
ifeq ($(PREFIX)$(wildcard /etc/debian_version),/usr/etc/debian_version)
ZSHCOMPDIR ?= $(DATADIR)/zsh/vendor-completions
else
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
endif
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
# Where the docker shim looks for containers/nodocker.
SYSCONFDIR ?= /etc

CARGO ?= cargo
RPOD ?= target/release/rpod
INSTALL ?= install

MAN1 := $(wildcard man/man1/rpod*.1)
MAN5 := $(wildcard man/man5/rpod*.5)
EXAMPLES := $(wildcard contrib/config/*)

.PHONY: all install uninstall install-docker uninstall-docker deb docs

all:
	$(CARGO) build --release

install:
	@test -x $(RPOD) || { echo "$(RPOD) is missing: run make (or cargo build --release) first" >&2; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR) \
		$(DESTDIR)$(SYSTEMDDIR)/system-generators $(DESTDIR)$(SYSTEMDDIR)/user-generators \
		$(DESTDIR)$(EXAMPLESDIR) $(DESTDIR)$(DOCDIR)
	$(INSTALL) -m 755 $(RPOD) $(DESTDIR)$(BINDIR)/rpod
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	$(INSTALL) -m 644 contrib/completions/rpod.bash $(DESTDIR)$(BASHCOMPDIR)/rpod
	$(INSTALL) -m 644 contrib/completions/_rpod $(DESTDIR)$(ZSHCOMPDIR)/_rpod
	$(INSTALL) -m 644 contrib/completions/rpod.fish $(DESTDIR)$(FISHCOMPDIR)/rpod.fish
	ln -sfr $(DESTDIR)$(BINDIR)/rpod $(DESTDIR)$(SYSTEMDDIR)/system-generators/rpod-system-generator
	ln -sfr $(DESTDIR)$(BINDIR)/rpod $(DESTDIR)$(SYSTEMDDIR)/user-generators/rpod-user-generator
	$(INSTALL) -m 644 $(EXAMPLES) $(DESTDIR)$(EXAMPLESDIR)/
	$(INSTALL) -m 644 README.md $(DESTDIR)$(DOCDIR)/README.md

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rpod \
		$(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5))) \
		$(DESTDIR)$(BASHCOMPDIR)/rpod $(DESTDIR)$(ZSHCOMPDIR)/_rpod $(DESTDIR)$(FISHCOMPDIR)/rpod.fish \
		$(DESTDIR)$(SYSTEMDDIR)/system-generators/rpod-system-generator \
		$(DESTDIR)$(SYSTEMDDIR)/user-generators/rpod-user-generator \
		$(addprefix $(DESTDIR)$(EXAMPLESDIR)/,$(notdir $(EXAMPLES))) \
		$(DESTDIR)$(DOCDIR)/README.md
	-rmdir $(DESTDIR)$(EXAMPLESDIR) $(DESTDIR)$(DOCDIR) 2>/dev/null

install-docker:
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	sed -e 's|^rpod=.*|rpod=$(BINDIR)/rpod|' -e 's|^etc=.*|etc=$(SYSCONFDIR)|' \
		contrib/docker/docker > $(DESTDIR)$(BINDIR)/docker.tmp
	chmod 755 $(DESTDIR)$(BINDIR)/docker.tmp
	mv $(DESTDIR)$(BINDIR)/docker.tmp $(DESTDIR)$(BINDIR)/docker
	$(INSTALL) -m 644 man/man1/docker.1 $(DESTDIR)$(MANDIR)/man1/docker.1

uninstall-docker:
	rm -f $(DESTDIR)$(BINDIR)/docker $(DESTDIR)$(MANDIR)/man1/docker.1

# Both packages from one release build.
deb:
	$(CARGO) deb
	$(CARGO) deb --no-build --variant docker

# The man pages and completions, after changing the CLI or man/src/.
docs:
	$(CARGO) run -- internal gen-docs
