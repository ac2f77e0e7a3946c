#!/usr/bin/env bash
# Installs the external tools Inkan's tests talk to (Debian packages), only those that are missing.
# Needs root (apt-get). Safe to run repeatedly.
set -euo pipefail

declare -A tool_package=(
  [softhsm2-util]=softhsm2
  [pkcs11-tool]=opensc
  [openssl]=openssl
  [psql]=postgresql-client
  [pg_ctlcluster]=postgresql
  [gpg]=gnupg
  [osslsigncode]=osslsigncode
  [sbverify]=sbsigntool
  [gcab]=gcab
  [wixl]=wixl                # Debian 12 ships wixl as its own package, no longer in msitools
  [apksigner]=apksigner
  [xmlsec1]=xmlsec1
  [sslscan]=sslscan
  [ant]=ant
  [ssh-keygen]=openssh-client
  [gnupg-pkcs11-scd]=gnupg-pkcs11-scd
)
# Taken from <codename>-backports when the machine has that source (osslsigncode 2.9 verifies MSI, CAB, PS1).
backports=(osslsigncode)

missing=()
for tool in "${!tool_package[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${tool_package[$tool]}")
done
[ -e /usr/lib/softhsm/libsofthsm2.so ] || missing+=(softhsm2)
# inkan pkcs11: p11-kit's client module and OpenSSL's pkcs11 engine (multiarch path resolved by dpkg).
dpkg -s p11-kit-modules >/dev/null 2>&1 || missing+=(p11-kit-modules)
dpkg -s libengine-pkcs11-openssl >/dev/null 2>&1 || missing+=(libengine-pkcs11-openssl)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-tools: all present"
  exit 0
fi

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
echo "install-test-tools: installing ${missing[*]}"
$sudo_cmd apt-get update -qq
codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
regular=()
for package in $(printf '%s\n' "${missing[@]}" | sort -u); do
  if [[ " ${backports[*]} " == *" $package "* ]] && [ -n "$codename" ] \
      && apt-cache policy "$package" | grep -q "${codename}-backports"; then
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
      -t "${codename}-backports" "$package" >/dev/null
  else
    regular+=("$package")
  fi
done
if [ ${#regular[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${regular[@]}" >/dev/null
fi
echo "install-test-tools: done"
