package desktop

import (
	"os"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Dialogs is the part of the Runtime that asks the person where to save. A Runtime
// without it (a test's, say) cannot export unless TestSaveDirEnv is set.
type Dialogs interface {
	// SaveFileDialog returns the chosen file, or "" when the person closed the dialog.
	SaveFileDialog(opt runtime.SaveDialogOptions) (string, error)
	// OpenDirectoryDialog returns the chosen folder, or "" when the person closed it.
	OpenDirectoryDialog(opt runtime.OpenDialogOptions) (string, error)
}

// TestSaveDirEnv is the end-to-end tests' hook: when it names a folder, exports show
// no dialog and write there under their default names (involve-summary-….xlsx, and the
// folder involve-summary-… of CSV files), as if the person had chosen that folder.
const TestSaveDirEnv = "INVOLVE_TEST_SAVE_DIR"

func testSaveDir() string { return os.Getenv(TestSaveDirEnv) }

// SaveFileDialog shows the system's Save dialog.
func (w WailsRuntime) SaveFileDialog(opt runtime.SaveDialogOptions) (string, error) {
	return runtime.SaveFileDialog(w.Ctx, opt)
}

// OpenDirectoryDialog shows the system's folder chooser.
func (w WailsRuntime) OpenDirectoryDialog(opt runtime.OpenDialogOptions) (string, error) {
	return runtime.OpenDirectoryDialog(w.Ctx, opt)
}
