"""The address learners type or scan, and its QR code. Nothing here sends a packet."""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys

import segno

SIOCGIFADDR = 0x8915  # Linux ioctl: an interface's IPv4 address
WILDCARDS = ("0.0.0.0", "::", "")


def interface_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces (Linux: every interface; elsewhere: by name)."""
    found: list[str] = []
    if sys.platform.startswith("linux"):
        import fcntl

        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for _, name in socket.if_nameindex():
                try:
                    packed = fcntl.ioctl(sock.fileno(), SIOCGIFADDR,
                                         struct.pack("256s", name.encode()[:15]))
                except OSError:
                    continue  # an interface without an IPv4 address
                found.append(socket.inet_ntoa(packed[20:24]))
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    return list(dict.fromkeys(found))


def outward_address() -> str | None:
    """The address the default route leaves from: a UDP 'connect' sends nothing."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("10.255.255.255", 9))
            return str(sock.getsockname()[0])
    except OSError:
        return None


def pick_lan_address(candidates: list[str]) -> str | None:
    """The address phones on the hotspot reach: private first, never loopback or link-local."""
    usable = []
    for text in candidates:
        try:
            address = ipaddress.IPv4Address(text)
        except ValueError:
            continue
        if address.is_loopback or address.is_link_local or address.is_unspecified:
            continue
        usable.append(address)
    usable.sort(key=lambda a: (not a.is_private, a.packed))
    return str(usable[0]) if usable else None


def lan_address() -> str | None:
    """This machine's LAN address, if it has one."""
    return pick_lan_address(interface_addresses()) or pick_lan_address(
        [a for a in [outward_address()] if a])


def public_host(host: str) -> str:
    """The host to put in the join address for a --host the server listens on."""
    if host in WILDCARDS:
        return lan_address() or "127.0.0.1"
    return host


def join_url(host: str, port: int, code: str) -> str:
    """The address learners open (the join code filled in)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?k={code}"


def only_this_computer(url: str) -> bool:
    """True when a join address names this computer itself (127.0.0.1, ::1, localhost): no
    phone can open it."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def qr_svg(url: str) -> bytes:
    """The join address as an SVG QR code (drawn here by segno, no network)."""
    code = segno.make(url, error="m")
    svg: bytes = code.svg_inline(scale=1, border=2, dark="#000", light="#fff",
                                 omitsize=True).encode("utf-8")
    return svg
