package mysqltest

import "syscall"

// dieWithParent has the kernel kill the server when the test binary dies
// (a timeout's panic skips t.Cleanup), so no orphan keeps its port.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
