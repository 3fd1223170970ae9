import LearnKit
print("learn")
