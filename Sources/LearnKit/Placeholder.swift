import TerminalMarkdown
import NetLab
public enum LearnKitPlaceholder {}
