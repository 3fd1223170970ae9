public enum TerminalMarkdownPlaceholder {}
